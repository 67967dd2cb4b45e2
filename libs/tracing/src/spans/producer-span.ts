// The span of one produced record (OpenTelemetry messaging "create"): a child of the context the
// record comes from (a prediction's, a drift event's), linked to the others that contributed, and
// whose own context the record carries in its headers. Ended by the caller once the record is sent.
import { SpanKind } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import type { Tracing } from '../provider/create-tracing.ts';
import { toParentContext, toSpanLinks, toTraceHeaders } from '../propagation/trace-headers.ts';
import type { TraceCarrier } from '../propagation/trace-headers.ts';
import { SpanAttribute, toFailedSpan } from './span-attributes.ts';
import type { SafeAttributes } from './span-attributes.ts';

export interface ProducerSpanOptions {
  readonly topic: string;
  /** The context the record continues (headers of the record it derives from, or `{ traceparent }`); none: a new trace. */
  readonly parent?: TraceCarrier;
  /** Other contributing contexts (e.g. the label of an outcome, older triggering events). */
  readonly links?: Iterable<TraceCarrier | undefined>;
  readonly attributes?: SafeAttributes;
}

export interface ProducerSpan {
  /** `traceparent` (and `tracestate`) for the record: the span's context, or the parent's unchanged when tracing is off. */
  readonly headers: Readonly<Record<string, string>>;
  /** Ends the span; with an error, marks it failed by the error's code. */
  end(error?: unknown): void;
}

export function startProducerSpan(tracing: Tracing, options: ProducerSpanOptions): ProducerSpan {
  const span: Span = tracing.startSpan(`create ${options.topic}`, {
    kind: SpanKind.PRODUCER,
    links: options.links === undefined ? [] : toSpanLinks(options.links, Math.max(tracing.maxLinks, 1)),
    attributes: { [SpanAttribute.MESSAGING_SYSTEM]: 'kafka', [SpanAttribute.OPERATION_TYPE]: 'create', [SpanAttribute.DESTINATION]: options.topic, ...options.attributes },
  }, toParentContext(options.parent));
  return {
    headers: toTraceHeaders(span),
    end(error) {
      if (error !== undefined) toFailedSpan(span, error);
      span.end();
    },
  };
}
