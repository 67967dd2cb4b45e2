// A drift event's span is a child of the record that made the detector fire, and the event carries
// the span's context in its header and its traceparent field (docs/tracing.md).
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { InMemorySchemaRegistry, createAvroSerde } from '@driftline/kafka';
import type { OutboundMessage } from '@driftline/kafka';
import { InMemoryDetectorStore } from '@driftline/redis-state';
import { InMemorySpanExporter, createTracing } from '@driftline/tracing';
import type { Tracing } from '@driftline/tracing';
import type { EventDraft } from '../../src/core/detection-event.ts';
import { createEventEmitter } from '../../src/emit/event-emitter.ts';
import { createDetectorMetrics } from '../../src/metrics.ts';

const record = `00-${'c'.repeat(32)}-${'3'.repeat(16)}-01`;

const draft = (traceparent: string | null): EventDraft => ({
  kind: 'DATA_DRIFT', modelId: 'credit', modelVersion: '3', slice: 'region=eu', feature: 'income', statistic: 'adwin', value: 1.4, threshold: 0.002,
  windowStart: 1_000, windowEnd: 2_000, referenceProfileId: null, referenceSize: 0, currentSize: 500, severity: 'CRITICAL',
  explanation: 'income moved', recommendedAction: 'check income', traceparent,
});

async function emit(tracing: Tracing | undefined, traceparent: string | null): Promise<{ published: OutboundMessage[]; traceparent: string | null | undefined }> {
  const published: OutboundMessage[] = [];
  const emitter = createEventEmitter({
    store: new InMemoryDetectorStore(), serde: createAvroSerde({ registry: new InMemorySchemaRegistry() }),
    publisher: { publish: (m) => { published.push(...m); return Promise.resolve(); } },
    admin: { endOffsets: () => Promise.resolve(new Map([[0, '0']])) }, eventLog: { contains: () => Promise.resolve(false) },
    topic: 'drift-events', redisPrefix: 't:', now: () => 5_000, metrics: createDetectorMetrics(new Registry()), logger: { info: () => undefined, warn: () => undefined },
    cooldownOf: () => 0, slicesOf: () => [], claimTtlMs: 60_000, ...(tracing === undefined ? {} : { tracing }),
  });
  const [event] = await emitter.emit([{ draft: draft(traceparent), anchor: 'predictions:0:1' }]);
  return { published, traceparent: event?.traceparent };
}

describe('event emitter tracing', () => {
  it('publishes the event in a child span of the contributing record, carrying the span\'s context', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 'driftline-detector', exporter });

    const { published, traceparent } = await emit(tracing, record);
    await tracing.flush();

    const [span] = exporter.getFinishedSpans();
    const own = `00-${'c'.repeat(32)}-${span?.spanContext().spanId}-01`;
    expect(span?.parentSpanContext?.spanId).toBe('3'.repeat(16));
    expect(span?.attributes).toMatchObject({ 'driftline.event_kind': 'DATA_DRIFT', 'driftline.event_severity': 'CRITICAL', 'driftline.model_id': 'credit' });
    expect(published[0]?.headers).toEqual({ traceparent: own });
    expect(traceparent).toBe(own);
    await tracing.shutdown();
  });

  it('starts a new trace for a finding without a contributing record', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 'driftline-detector', exporter });

    const { published, traceparent } = await emit(tracing, null);
    await tracing.flush();

    expect(exporter.getFinishedSpans()[0]?.parentSpanContext).toBeUndefined();
    expect(published[0]?.headers?.['traceparent']).toBe(traceparent);
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await tracing.shutdown();
  });

  it('passes the record\'s context on unchanged when tracing is off, and adds none without one', async () => {
    expect(await emit(undefined, record)).toMatchObject({ traceparent: record, published: [{ headers: { traceparent: record } }] });
    const untraced = await emit(undefined, null);
    expect(untraced.traceparent).toBeNull();
    expect(untraced.published[0]?.headers).toBeUndefined();
  });
});
