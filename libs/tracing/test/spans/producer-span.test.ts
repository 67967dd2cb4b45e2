import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { InMemorySpanExporter, SpanAttribute, createTracing, startProducerSpan } from '@driftline/tracing';

const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const other = '00-11111111111111111111111111111111-2222222222222222-01';

describe('startProducerSpan', () => {
  it('continues the parent trace, links the others and puts its own context in the headers', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 'driftline-joiner', exporter });
    const produced = startProducerSpan(tracing, { topic: 'outcomes', parent: { traceparent: parent }, links: [{ traceparent: other }], attributes: { [SpanAttribute.MODEL_ID]: 'credit' } });
    produced.end();
    await tracing.flush();
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('create outcomes');
    expect(span?.kind).toBe(SpanKind.PRODUCER);
    expect(span?.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(span?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(span?.links.map((l) => l.context.traceId)).toEqual(['11111111111111111111111111111111']);
    expect(span?.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': 'outcomes', 'driftline.model_id': 'credit' });
    expect(produced.headers['traceparent']).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${span?.spanContext().spanId}-01`);
    expect(span?.resource.attributes['service.name']).toBe('driftline-joiner');
    await tracing.shutdown();
  });

  it('starts a new trace without a parent and records a failure by its code only', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 's', exporter });
    const produced = startProducerSpan(tracing, { topic: 'drift-events' });
    produced.end(Object.assign(new Error('record r-1 of subject s-9 failed'), { code: 'DL_KAFKA_PUBLISH' }));
    await tracing.flush();
    const [span] = exporter.getFinishedSpans();
    expect(span?.parentSpanContext).toBeUndefined();
    expect(span?.status).toEqual({ code: 2, message: 'DL_KAFKA_PUBLISH' });
    expect(JSON.stringify(span?.attributes)).not.toContain('r-1');
    await tracing.shutdown();
  });

  it('exports nothing and forwards the parent headers when tracing is off', () => {
    const produced = startProducerSpan(createTracing(undefined), { topic: 'outcomes', parent: { traceparent: parent } });
    expect(produced.headers).toEqual({ traceparent: parent });
    expect(startProducerSpan(createTracing(undefined), { topic: 'outcomes' }).headers).toEqual({});
  });

  it('samples spans without a parent by the ratio, and follows the parent flag otherwise', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 's', exporter, sampleRatio: 0 });
    startProducerSpan(tracing, { topic: 't' }).end();
    const child = startProducerSpan(tracing, { topic: 't', parent: { traceparent: parent } });
    child.end();
    const unsampledChild = startProducerSpan(tracing, { topic: 't', parent: { traceparent: parent.replace(/-01$/, '-00') } });
    unsampledChild.end();
    await tracing.flush();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    expect(unsampledChild.headers['traceparent']).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00$/);
    await tracing.shutdown();
  });
});
