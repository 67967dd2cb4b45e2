import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DAY_MS, toErasureWorstCaseMs, toTopicSpecs } from '@driftline/kafka';
import type { TopicSettingsOptions, TopicSpec } from '@driftline/kafka';
import { TopicClass, TopicRole, topicContracts } from '@driftline/schemas';

const options: TopicSettingsOptions = { erasureDeadlineMs: 30 * DAY_MS, retentionMs: 7 * DAY_MS, partitions: 6, replicationFactor: 3 };

function specOf(specs: TopicSpec[], role: TopicRole): TopicSpec {
  const spec = specs.find((s) => s.role === role);
  if (spec === undefined) throw new Error(`no spec for ${role}`);
  return spec;
}

const rolesOf = (topicClass: TopicClass): TopicRole[] => topicContracts.filter((c) => c.topicClass === topicClass).map((c) => c.role);

describe('toTopicSpecs', () => {
  it('returns one spec per role of the topic catalog, with the default names', () => {
    const specs = toTopicSpecs(options);

    expect(specs.map((s) => [s.role, s.name])).toEqual(topicContracts.map((c) => [c.role, c.defaultName]));
  });

  it('uses a name override for its role only', () => {
    const specs = toTopicSpecs({ ...options, names: { [TopicRole.PREDICTIONS]: 'team-a.predictions' } });

    expect(specOf(specs, TopicRole.PREDICTIONS).name).toBe('team-a.predictions');
    expect(specOf(specs, TopicRole.LABELS).name).toBe('labels');
  });

  it('compacts personal-data topics with deletion, each bound a quarter of the deadline', () => {
    const quarter = String((30 * DAY_MS) / 4);

    for (const role of rolesOf(TopicClass.PERSONAL)) {
      const spec = specOf(toTopicSpecs(options), role);
      expect(spec.configs).toMatchObject({
        'cleanup.policy': 'compact,delete',
        'retention.ms': String(7 * DAY_MS),
        'segment.ms': quarter,
        'max.compaction.lag.ms': quarter,
        'min.compaction.lag.ms': '0',
      });
      expect(spec.partitions).toBe(6);
    }
  });

  it('treats predictions, labels, outcomes and dead-letters as personal data', () => {
    expect(rolesOf(TopicClass.PERSONAL).sort()).toEqual([TopicRole.DEAD_LETTERS, TopicRole.LABELS, TopicRole.OUTCOMES, TopicRole.PREDICTIONS].sort());
  });

  it('compacts table topics without time retention, on one partition', () => {
    for (const role of rolesOf(TopicClass.TABLE)) {
      const spec = specOf(toTopicSpecs(options), role);
      expect(spec.configs['cleanup.policy']).toBe('compact');
      expect(spec.configs).not.toHaveProperty('retention.ms');
      expect(spec.partitions).toBe(1);
    }
  });

  it('gives event topics time retention only', () => {
    for (const role of rolesOf(TopicClass.EVENTS)) {
      expect(specOf(toTopicSpecs(options), role).configs).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': String(7 * DAY_MS) });
    }
  });

  it('passes the replication factor to every topic', () => {
    expect(new Set(toTopicSpecs(options).map((s) => s.replicationFactor))).toEqual(new Set([3]));
  });

  it('never sets segment.ms below one second for a tiny deadline', () => {
    expect(specOf(toTopicSpecs({ ...options, erasureDeadlineMs: 10 }), TopicRole.PREDICTIONS).configs['segment.ms']).toBe('1000');
  });

  test.prop([fc.integer({ min: 8_000, max: 365 * DAY_MS }), fc.integer({ min: 0, max: 60_000 })])(
    'keeps the erasure worst case of every compacted topic within half the deadline plus the cleaner back-off',
    (erasureDeadlineMs, backoff) => {
      const specs = toTopicSpecs({ ...options, erasureDeadlineMs });

      for (const role of [...rolesOf(TopicClass.PERSONAL), ...rolesOf(TopicClass.TABLE)]) {
        expect(toErasureWorstCaseMs(specOf(specs, role), backoff)).toBeLessThanOrEqual(erasureDeadlineMs / 2 + backoff);
      }
    },
  );
});

describe('toErasureWorstCaseMs', () => {
  it('adds segment.ms, max.compaction.lag.ms and the cleaner back-off', () => {
    const spec: TopicSpec = { role: TopicRole.PREDICTIONS, name: 'p', partitions: 1, replicationFactor: 1, configs: { 'segment.ms': '1000', 'max.compaction.lag.ms': '2000' } };

    expect(toErasureWorstCaseMs(spec, 500)).toBe(3500);
    expect(toErasureWorstCaseMs(spec)).toBe(18_000);
  });

  it('is unbounded for a topic that is never compacted', () => {
    expect(toErasureWorstCaseMs(specOf(toTopicSpecs(options), TopicRole.DRIFT_EVENTS))).toBe(Number.POSITIVE_INFINITY);
  });
});
