// Consume spans: one per fetched batch (a partition's records), not one per record. At tens of
// thousands of records a second, a span per record would cost more than the work it describes; a
// batch span is cheap and links to the contexts of (at most TRACING_MAX_LINKS of) the sampled
// records it holds, so a trace viewer goes from a prediction to every batch that processed it.
import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import type { InboundBatch, MessageSource } from '@driftline/kafka';
import type { Tracing } from '../provider/create-tracing.ts';
import { TraceHeader, toSpanLinks } from '../propagation/trace-headers.ts';
import { SpanAttribute, toFailedSpan } from './span-attributes.ts';

export interface TraceSourceOptions {
  readonly tracing: Tracing;
  /** The consumer group (an attribute of every batch span). */
  readonly group: string;
}

/** A MessageSource whose batches each run inside a consume span; the source itself when tracing is off. */
export function traceMessageSource(source: MessageSource, options: TraceSourceOptions): MessageSource {
  const { tracing } = options;
  if (!tracing.recording) return source;
  return {
    run: (runOptions) => source.run({
      ...runOptions,
      onBatch: async (batch, control) => {
        const span = tracing.startSpan(`process ${batch.topic}`, {
          kind: SpanKind.CONSUMER,
          links: toSpanLinks(batch.messages.map((m) => m.headers), tracing.maxLinks),
          attributes: {
            [SpanAttribute.MESSAGING_SYSTEM]: 'kafka', [SpanAttribute.OPERATION_TYPE]: 'process', [SpanAttribute.DESTINATION]: batch.topic,
            [SpanAttribute.PARTITION]: String(batch.partition), [SpanAttribute.CONSUMER_GROUP]: options.group,
            [SpanAttribute.BATCH_SIZE]: batch.messages.length, [SpanAttribute.TRACED_RECORDS]: countTraced(batch),
          },
        }, ROOT_CONTEXT);
        try {
          await runOptions.onBatch(batch, control);
        } catch (error) {
          toFailedSpan(span, error);
          throw error;
        } finally {
          span.end();
        }
      },
    }),
    stop: () => source.stop(),
    done: () => source.done(),
  };
}

function countTraced(batch: InboundBatch): number {
  let n = 0;
  for (const m of batch.messages) if (m.headers[TraceHeader.TRACEPARENT] !== undefined) n++;
  return n;
}
