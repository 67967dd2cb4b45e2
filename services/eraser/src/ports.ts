// The ports the eraser depends on. Kafka, Redis and key-store ports come from the libs; the
// aggregate corrector (the aggregator's retraction endpoint) is the eraser's own.
import type { Outcome, PredictionLog } from '@driftline/schemas';

export type { AvroSerde, InboundMessage, MessagePublisher, MessageSource, MonitorTable, OutboundMessage, TopicAdmin } from '@driftline/kafka';
export type { PendingJoinStore, SubjectIndexStore, SubjectRecords } from '@driftline/redis-state';
export type { Pseudonymizer, SubjectCrypto, SubjectKeyStore } from '@driftline/privacy';

/** Wall clock, epoch ms. */
export type Clock = () => number;

/** One record to take out of the aggregates (and, for a rectification, the corrected record to put in). */
export interface CorrectionRecord {
  readonly topic: 'predictions' | 'outcomes';
  readonly partition: number;
  readonly offset: string;
  readonly value: PredictionLog | Outcome;
  readonly replacement?: PredictionLog | Outcome;
}

/** What the aggregator did; `skipped.pending` records were not folded yet (ask again later). */
export interface CorrectionSummary {
  readonly applied: number;
  readonly alreadyApplied: number;
  readonly skipped: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

/** Corrects derived aggregates, idempotently per correction id and record (docs/aggregator.md "Retractions"). */
export interface AggregateCorrector {
  correct(request: { readonly id: string; readonly records: readonly CorrectionRecord[] }): Promise<CorrectionSummary>;
}
