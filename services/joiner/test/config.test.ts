import { describe, expect, it } from 'vitest';
import { isConfigError } from '@driftline/service-kit';
import { loadConfig } from '../src/config.ts';

const required = { KAFKA_BROKERS: 'k1:9092,k2:9092', SCHEMA_REGISTRY_URL: 'http://registry:8081', REDIS_URL: 'redis://redis:6379', DRIFTLINE_PSEUDONYM_PEPPER: 'a-test-pepper-of-at-least-32-bytes' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (isConfigError(error)) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the defaults and derives the topic names from the roles', () => {
    const config = loadConfig(required);

    expect(config).toMatchObject({
      KAFKA_BROKERS: ['k1:9092', 'k2:9092'], JOIN_WINDOW: 7 * 86_400_000, JOIN_GRACE: 300_000, PENDING_TTL: 8 * 86_400_000,
      DRIFTLINE_SERVICE_GROUP: 'driftline-joiner', JOINER_KEY_PREFIX: 'dl:join:', HTTP_HOST: '127.0.0.1', HTTP_PORT: 9464, LOG_LEVEL: 'info',
      topics: { predictions: 'predictions', labels: 'labels', outcomes: 'outcomes', deadLetters: 'dead-letters' },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.topics)).toBe(true);
  });

  it('reads durations as unit strings or milliseconds', () => {
    const config = loadConfig({ ...required, JOIN_WINDOW: '2h', JOIN_GRACE: '90000', PENDING_TTL: '1d' });

    expect([config.JOIN_WINDOW, config.JOIN_GRACE, config.PENDING_TTL]).toEqual([7_200_000, 90_000, 86_400_000]);
  });

  it('prefixes the default topic names and lets each be overridden', () => {
    const config = loadConfig({ ...required, DRIFTLINE_TOPIC_PREFIX: 'staging.', JOINER_OUTCOMES_TOPIC: 'joined' });

    expect(config.topics).toEqual({ predictions: 'staging.predictions', labels: 'staging.labels', outcomes: 'joined', deadLetters: 'staging.dead-letters' });
  });

  it('reports every problem at once, by variable', () => {
    expect(problemsOf({ KAFKA_BROKERS: 'k:9092', SCHEMA_REGISTRY_URL: 'ftp://x', JOIN_WINDOW: 'soon', HTTP_PORT: '70000' }).sort())
      .toEqual(['DRIFTLINE_PSEUDONYM_PEPPER', 'HTTP_PORT', 'JOIN_WINDOW', 'REDIS_URL', 'SCHEMA_REGISTRY_URL']);
  });

  it.each([
    ['a TTL shorter than the window plus the grace', { JOIN_WINDOW: '1d', JOIN_GRACE: '1h', PENDING_TTL: '1d' }, 'PENDING_TTL'],
    ['a heartbeat longer than a third of the session', { KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '3000' }, 'KAFKA_HEARTBEAT_INTERVAL_MS'],
    ['labels read from the predictions topic', { JOINER_LABELS_TOPIC: 'predictions' }, 'JOINER_LABELS_TOPIC'],
    ['a key prefix with a hash-tag brace', { JOINER_KEY_PREFIX: 'dl:{join}:' }, 'JOINER_KEY_PREFIX'],
    ['a zero duration', { JOIN_GRACE: '0' }, 'JOIN_GRACE'],
    ['a pepper shorter than 32 bytes', { DRIFTLINE_PSEUDONYM_PEPPER: 'short' }, 'DRIFTLINE_PSEUDONYM_PEPPER'],
  ])('refuses %s', (_what, env, variable) => {
    expect(problemsOf({ ...required, ...env })).toEqual([variable]);
  });
});
