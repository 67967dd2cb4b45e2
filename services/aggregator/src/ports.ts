// What the aggregator needs from the outside world, as small ports (adapters live in libs).
import type { AvroSerde, MessagePublisher, MessageSource, MonitorTable } from '@driftline/kafka';
import type { StateStore } from '@driftline/redis-state';
import type { Logger } from '@driftline/service-kit';
import type { AggregatorMetrics } from './metrics.ts';
import type { ConsumeMetrics } from '@driftline/metrics';

export interface AggregatorDeps {
  readonly source: MessageSource;
  readonly publisher: MessagePublisher;
  readonly serde: AvroSerde;
  readonly store: StateStore;
  readonly monitors: MonitorTable;
  readonly metrics: AggregatorMetrics;
  readonly consumeMetrics?: ConsumeMetrics;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly now: () => number;
  readonly newEpoch: () => string;
}
