// The aggregator's metrics: bounded labels (topic, reason), never a slice or model-internal value.
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

export interface AggregatorMetrics {
  readonly folded: Counter<'topic'>;
  readonly late: Counter<'topic'>;
  readonly unmonitored: Counter<'topic'>;
  readonly sliceOverflow: Counter;
  readonly replayed: Counter<'topic'>;
  readonly rewinds: Counter<'topic'>;
  readonly flushSeconds: Histogram;
  readonly rebuilding: Gauge;
}

export function createAggregatorMetrics(registry: Registry): AggregatorMetrics {
  const registers = [registry];
  return {
    folded: new Counter({ name: 'driftline_aggregator_records_folded_total', help: 'Records folded into window statistics.', labelNames: ['topic'] as const, registers }),
    late: new Counter({ name: 'driftline_aggregator_late_records_total', help: 'Records that arrived after their window closed (end + grace); counted per window, not folded.', labelNames: ['topic'] as const, registers }),
    unmonitored: new Counter({ name: 'driftline_aggregator_unmonitored_records_total', help: 'Records of models without a monitor spec (skipped).', labelNames: ['topic'] as const, registers }),
    sliceOverflow: new Counter({ name: 'driftline_aggregator_slice_overflow_total', help: 'Slice values refused by the cardinality cap (folded into __other__).', registers }),
    replayed: new Counter({ name: 'driftline_aggregator_replayed_records_total', help: 'Redelivered records already covered by the Redis watermark (skipped).', labelNames: ['topic'] as const, registers }),
    rewinds: new Counter({ name: 'driftline_aggregator_rewinds_total', help: 'Partitions re-read from the Redis watermark because the committed offset was ahead of it.', labelNames: ['topic'] as const, registers }),
    flushSeconds: new Histogram({ name: 'driftline_aggregator_flush_duration_seconds', help: 'Time of one atomic Redis flush (deltas and watermark).', buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers }),
    rebuilding: new Gauge({ name: 'driftline_aggregator_rebuilding', help: '1 while state is being rebuilt from the topics after it was lost.', registers }),
  };
}
