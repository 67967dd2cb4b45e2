// Topic settings derived from one erasure deadline (design.md §2, docs/erasure-deadline.md).
//
// A tombstone removes its key's older records only once (1) the tombstone's segment is no longer
// the active one, and (2) the cleaner compacts that part of the log. `segment.ms` bounds (1);
// `max.compaction.lag.ms` bounds (2). We give each a quarter of the deadline, so the worst case
// (segment.ms + max.compaction.lag.ms + cleaner back-off) is about half the deadline, leaving the
// rest for the eraser's own processing, broker outages and a full cleaner.
import { TopicClass, topicContracts } from '@driftline/schemas';
import type { TopicRole } from '@driftline/schemas';

export interface TopicSettingsOptions {
  /** Longest time from an erasure request to the last readable copy gone (default 30 days). */
  readonly erasureDeadlineMs: number;
  /** Retention of personal-data and event topics (`retention.ms`). */
  readonly retentionMs: number;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Topic name overrides by role. */
  readonly names?: Partial<Record<TopicRole, string>>;
}

export interface TopicSpec {
  readonly role: TopicRole;
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly configs: Readonly<Record<string, string>>;
}

export const DAY_MS = 86_400_000;

/** The topic specs of every role, with settings for its class. Pure. */
export function toTopicSpecs(options: TopicSettingsOptions): TopicSpec[] {
  const quarter = Math.max(1000, Math.floor(options.erasureDeadlineMs / 4));
  return topicContracts.map((contract) => {
    const name = options.names?.[contract.role] ?? contract.defaultName;
    let configs: Record<string, string>;
    switch (contract.topicClass) {
      case TopicClass.PERSONAL:
        configs = {
          'cleanup.policy': 'compact,delete',
          'retention.ms': String(options.retentionMs),
          'segment.ms': String(quarter),
          'max.compaction.lag.ms': String(quarter),
          'min.compaction.lag.ms': '0',
          // Tombstones carry only a requestId; keep them long enough for every consumer to see them.
          'delete.retention.ms': String(quarter),
          'min.cleanable.dirty.ratio': '0.01',
        };
        break;
      case TopicClass.TABLE:
        configs = {
          'cleanup.policy': 'compact',
          'segment.ms': String(quarter),
          'max.compaction.lag.ms': String(quarter),
          'delete.retention.ms': String(quarter),
          'min.cleanable.dirty.ratio': '0.01',
        };
        break;
      case TopicClass.EVENTS:
        configs = { 'cleanup.policy': 'delete', 'retention.ms': String(options.retentionMs) };
        break;
    }
    return { role: contract.role, name, partitions: contract.topicClass === TopicClass.TABLE ? 1 : options.partitions, replicationFactor: options.replicationFactor, configs };
  });
}

/** Worst-case time for a tombstoned record to leave a personal-data topic under these settings. */
export function toErasureWorstCaseMs(spec: TopicSpec, cleanerBackoffMs = 15_000): number {
  const segment = Number(spec.configs['segment.ms'] ?? Number.POSITIVE_INFINITY);
  const lag = Number(spec.configs['max.compaction.lag.ms'] ?? Number.POSITIVE_INFINITY);
  return segment + lag + cleanerBackoffMs;
}
