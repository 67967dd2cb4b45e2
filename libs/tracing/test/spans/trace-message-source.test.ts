import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { InMemoryBroker } from '@driftline/kafka';
import type { InboundBatch } from '@driftline/kafka';
import { InMemorySpanExporter, createTracing, traceMessageSource } from '@driftline/tracing';

const traceparent = (i: number): string => `00-${String(i + 1).padStart(32, '0')}-${'1'.repeat(16)}-01`;

async function consumeAll(source: ReturnType<InMemoryBroker['source']>, total: number): Promise<InboundBatch[]> {
  const batches: InboundBatch[] = [];
  let seen = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => { release = resolve; });
  await source.run({ topics: ['predictions'], fromBeginning: true, onBatch: (batch, control) => {
    batches.push(batch);
    for (const m of batch.messages) control.resolveOffset(m.offset);
    seen += batch.messages.length;
    if (seen >= total) release();
    return Promise.resolve();
  } });
  await all;
  await source.stop();
  return batches;
}

describe('traceMessageSource', () => {
  it('wraps each batch in a consume span linked to its sampled records, at most maxLinks', async () => {
    const broker = new InMemoryBroker();
    broker.createTopic('predictions');
    await broker.publisher().publish(Array.from({ length: 6 }, (_, i) => ({
      topic: 'predictions', key: `r-${i}`, value: Buffer.from('x'), ...(i % 2 === 0 ? { headers: { traceparent: traceparent(i) } } : {}),
    })));
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 'driftline-aggregator', exporter, maxLinks: 2 });
    const batches = await consumeAll(traceMessageSource(broker.source('g'), { tracing, group: 'g' }), 6);
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(batches.length);
    const [span] = spans;
    expect(span?.name).toBe('process predictions');
    expect(span?.kind).toBe(SpanKind.CONSUMER);
    expect(span?.parentSpanContext).toBeUndefined();
    expect(span?.links.map((l) => l.context.traceId)).toEqual([traceparent(0).slice(3, 35), traceparent(2).slice(3, 35)]);
    expect(span?.attributes).toMatchObject({ 'messaging.consumer.group.name': 'g', 'messaging.batch.message_count': 6, 'driftline.traced_records': 3, 'messaging.destination.partition.id': '0' });
    await tracing.shutdown();
  });

  it('is the source itself when tracing is off', () => {
    const source = new InMemoryBroker().source('g');
    expect(traceMessageSource(source, { tracing: createTracing(undefined), group: 'g' })).toBe(source);
  });
});
