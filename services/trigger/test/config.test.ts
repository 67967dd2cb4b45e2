import { describe, expect, it } from 'vitest';
import { isConfigError } from '@driftline/service-kit';
import { loadConfig } from '../src/config.ts';

const required = { KAFKA_BROKERS: 'k:9092', SCHEMA_REGISTRY_URL: 'http://registry:8081', REDIS_URL: 'redis://redis:6379' };

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (isConfigError(error)) return [...error.problems];
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the defaults: log channel only, no webhook', () => {
    const config = loadConfig(required);

    expect(config).toMatchObject({
      TRIGGER_GROUP_ID: 'driftline-trigger', DRIFTLINE_REDIS_PREFIX: 'dl:', TRIGGER_TICK_INTERVAL: 10_000, TRIGGER_OPEN_REQUEST_TIMEOUT: 86_400_000,
      TRIGGER_OUTBOX_LEASE: 120_000, TRIGGER_WEBHOOK_ATTEMPTS: 5, channels: ['log'],
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('adds the webhook channel when a URL is set, unless TRIGGER_NOTIFY says otherwise', () => {
    expect(loadConfig({ ...required, TRIGGER_WEBHOOK_URL: 'https://hooks.example/retrain' }).channels).toEqual(['log', 'webhook']);
    expect(loadConfig({ ...required, TRIGGER_WEBHOOK_URL: 'https://hooks.example/retrain', TRIGGER_NOTIFY: 'webhook' }).channels).toEqual(['webhook']);
    expect(loadConfig({ ...required, TRIGGER_NOTIFY: 'log, log' }).channels).toEqual(['log']);
  });

  it('reports every problem at once, cross-field rules included', () => {
    const problems = problemsOf({
      ...required, TRIGGER_NOTIFY: 'webhook,sms', TRIGGER_TICK_INTERVAL: 'soon', API_TOKEN: 'short',
    });

    expect(problems.map((p) => p.variable).sort()).toEqual(['API_TOKEN', 'TRIGGER_NOTIFY', 'TRIGGER_TICK_INTERVAL']);
  });

  it('checks the webhook settings against each other', () => {
    const problems = problemsOf({
      ...required, TRIGGER_NOTIFY: 'webhook', TRIGGER_WEBHOOK_TOKEN: 't', TRIGGER_WEBHOOK_BACKOFF: '20s', TRIGGER_OPEN_REQUEST_TIMEOUT: '1s',
    });

    expect(problems.map((p) => p.variable).sort()).toEqual(['TRIGGER_NOTIFY', 'TRIGGER_OPEN_REQUEST_TIMEOUT', 'TRIGGER_WEBHOOK_BACKOFF', 'TRIGGER_WEBHOOK_TOKEN']);
  });

  it('requires the outbox lease to outlast the longest webhook delivery', () => {
    const webhook = { ...required, TRIGGER_WEBHOOK_URL: 'http://hook:8080/', TRIGGER_WEBHOOK_ATTEMPTS: '5', TRIGGER_WEBHOOK_TIMEOUT: '10s', TRIGGER_WEBHOOK_MAX_BACKOFF: '20s' };

    expect(problemsOf({ ...webhook, TRIGGER_OUTBOX_LEASE: '130s' })).toEqual([{ variable: 'TRIGGER_OUTBOX_LEASE', message: expect.stringContaining('(130000 ms') as unknown }]);
    expect(problemsOf({ ...webhook, TRIGGER_OUTBOX_LEASE: '131s' })).toEqual([]);
    expect(problemsOf({ ...webhook, TRIGGER_OUTBOX_LEASE: '1s', TRIGGER_NOTIFY: 'log' })).toEqual([]);
  });
});
