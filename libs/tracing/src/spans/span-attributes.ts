// The closed list of span attribute names Driftline sets. Spans take attributes only from this list
// (the helpers' types enforce it), and none of them holds a record key, a request id, a subject id
// or a feature value: what a trace may show is decided here, once (docs/tracing.md, "Attributes").
import { SpanStatusCode } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';

export const SpanAttribute = {
  MESSAGING_SYSTEM: 'messaging.system',
  OPERATION_TYPE: 'messaging.operation.type',
  DESTINATION: 'messaging.destination.name',
  PARTITION: 'messaging.destination.partition.id',
  CONSUMER_GROUP: 'messaging.consumer.group.name',
  BATCH_SIZE: 'messaging.batch.message_count',
  /** Records of a consumed batch that carried a trace context. */
  TRACED_RECORDS: 'driftline.traced_records',
  MODEL_ID: 'driftline.model_id',
  MODEL_VERSION: 'driftline.model_version',
  EVENT_ID: 'driftline.event_id',
  EVENT_KIND: 'driftline.event_kind',
  EVENT_SEVERITY: 'driftline.event_severity',
  RETRAIN_POLICIES: 'driftline.retrain_policies',
  ERROR_CODE: 'error.type',
} as const;
export type SpanAttribute = (typeof SpanAttribute)[keyof typeof SpanAttribute];

/** Attributes a Driftline span may carry: names from the closed list only. */
export type SafeAttributes = Readonly<Partial<Record<SpanAttribute, string | number | boolean>>>;

/** Marks a span failed with the error's code (`DL_*`), never its message (which may quote a record). */
export function toFailedSpan(span: Span, error: unknown): void {
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'error';
  span.setAttribute(SpanAttribute.ERROR_CODE, code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}
