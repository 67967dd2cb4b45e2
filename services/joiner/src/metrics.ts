// Joiner metrics (Prometheus naming; bounded labels only: never a requestId or other record data).
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { UnmatchedLabelReason } from './core/reasons.ts';

export interface JoinerMetrics {
  /** Labels consumed (the denominator of the match rate). */
  labelsConsumed(count: number): void;
  /** An Outcome was claimed and produced; `delayMs` is its label delay. */
  matched(delayMs: number): void;
  unmatched(reason: UnmatchedLabelReason): void;
  /** `erased`: a side or resolution sealed under a shredded key (its subject was erased), dropped. */
  ignored(side: 'prediction' | 'label', reason: 'duplicate' | 'resolved' | 'erased'): void;
  /** Resolutions produced again after a crash between claim and publication. */
  republished(count: number): void;
  /** Labels waiting for their prediction, indexed under a partition. */
  pending(partition: number, count: number): void;
}

const DELAY_BUCKETS_S = [1, 10, 60, 300, 900, 3600, 6 * 3600, 86_400, 3 * 86_400, 7 * 86_400, 30 * 86_400];

export function createJoinerMetrics(registry: Registry): JoinerMetrics {
  const registers = [registry];
  const labels = new Counter({ name: 'driftline_joiner_labels_total', help: 'Labels consumed; match rate = matches_total / labels_total.', registers });
  const matches = new Counter({ name: 'driftline_joiner_matches_total', help: 'Labels joined to their prediction (Outcome records claimed and produced).', registers });
  const delay = new Histogram({ name: 'driftline_joiner_label_delay_seconds', help: 'Label event time minus prediction event time of joined pairs.', buckets: DELAY_BUCKETS_S, registers });
  const unmatchedLabels = new Counter({ name: 'driftline_joiner_unmatched_labels_total', help: 'Labels dead-lettered instead of joined, by reason code.', labelNames: ['reason'] as const, registers });
  const ignoredRecords = new Counter({ name: 'driftline_joiner_ignored_records_total', help: 'Records with no effect: copies of a stored side, for an already resolved requestId, or of an erased subject.', labelNames: ['side', 'reason'] as const, registers });
  const republishedTotal = new Counter({ name: 'driftline_joiner_republished_total', help: 'Resolutions produced again after a restart (claimed but not confirmed before a crash).', registers });
  const pendingGauge = new Gauge({ name: 'driftline_joiner_pending', help: 'Labels waiting in Redis for their prediction, by partition.', labelNames: ['partition'] as const, registers });
  return {
    labelsConsumed: (count) => { labels.inc(count); },
    matched: (delayMs) => { matches.inc(); delay.observe(Math.max(0, delayMs) / 1000); },
    unmatched: (reason) => { unmatchedLabels.inc({ reason }); },
    ignored: (side, reason) => { ignoredRecords.inc({ side, reason }); },
    republished: (count) => { republishedTotal.inc(count); },
    pending: (partition, count) => { pendingGauge.set({ partition: String(partition) }, count); },
  };
}
