// What the detector needs from the outside world, as small ports (adapters live in libs).
import type { AvroSerde, MessagePublisher, MessageSource, MonitorTable, TopicAdmin } from '@driftline/kafka';
import type { ConsumeMetrics } from '@driftline/metrics';
import type { DetectorStore, StateStore } from '@driftline/redis-state';
import type { Logger } from '@driftline/service-kit';
import type { Tracing } from '@driftline/tracing';
import type { EventLog } from './emit/event-emitter.ts';
import type { AggregatorClient } from './evaluate/aggregator-client.ts';
import type { DetectorMetrics } from './metrics.ts';

export interface DetectorDeps {
  readonly source: MessageSource;
  readonly publisher: MessagePublisher;
  readonly admin: Pick<TopicAdmin, 'endOffsets'>;
  readonly serde: AvroSerde;
  readonly store: DetectorStore;
  readonly sliceStore: Pick<StateStore, 'admitMember'>;
  readonly monitors: MonitorTable;
  readonly eventLog: EventLog;
  /** Absent: only the streaming detectors run (no window tests). */
  readonly aggregator?: AggregatorClient;
  readonly metrics: DetectorMetrics;
  readonly consumeMetrics?: ConsumeMetrics;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly now: () => number;
  /** Spans of drift events (absent: tracing off; a record's context still passes to its event). */
  readonly tracing?: Tracing;
}
