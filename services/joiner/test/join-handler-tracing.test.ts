// An Outcome continues its prediction's trace: its span is a child of the prediction's context and
// links the label's, and the Outcome's headers carry the span's context (docs/tracing.md).
import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { InMemorySchemaRegistry, createAvroSerde, toTopicSubject } from '@driftline/kafka';
import type { DecodedMessage, OutboundMessage } from '@driftline/kafka';
import { InMemoryPendingJoinStore } from '@driftline/redis-state';
import { groundTruthSchema, predictionLogSchema } from '@driftline/schemas';
import type { GroundTruth, PredictionLog } from '@driftline/schemas';
import { createLogger } from '@driftline/service-kit';
import { InMemorySubjectKeyStore, createPseudonymizer, createSubjectCrypto } from '@driftline/privacy';
import { InMemorySpanExporter, createTracing } from '@driftline/tracing';
import type { Tracing } from '@driftline/tracing';
import { createJoinHandler } from '../src/join-handler.ts';
import { createJoinerMetrics } from '../src/metrics.ts';

const T0 = 1_795_000_000_000;
const topics = { predictions: 'predictions', labels: 'labels', outcomes: 'outcomes', deadLetters: 'dead-letters' } as const;
const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });
const predictionContext = `00-${'a'.repeat(32)}-${'1'.repeat(16)}-01`;
const labelContext = `00-${'b'.repeat(32)}-${'2'.repeat(16)}-01`;

async function toInput<T extends { requestId: string }>(topic: string, schema: object, value: T, traceparent: string | undefined): Promise<{ topic: string; partition: number; records: DecodedMessage<T>[]; tombstones: [] }> {
  const encode = await serde.encoderFor(toTopicSubject(topic), schema);
  const headers = traceparent === undefined ? {} : { traceparent };
  return { topic, partition: 0, tombstones: [], records: [{ schemaId: 1, value, message: { topic, partition: 0, offset: '0', key: Buffer.from(value.requestId), value: encode(value), headers, timestamp: 0 } }] };
}

async function join(tracing: Tracing | undefined, contexts: { prediction?: string; label?: string }): Promise<OutboundMessage[]> {
  const published: OutboundMessage[] = [];
  const handler = createJoinHandler({
    store: new InMemoryPendingJoinStore({ ttlMs: 86_400_000 }), serde, topics, windowMs: 3_600_000, graceMs: 60_000, service: 'joiner', now: () => T0,
    crypto: createSubjectCrypto({ pseudonymizer: createPseudonymizer({ pepper: 'a-test-pepper-of-at-least-32-bytes' }), keys: new InMemorySubjectKeyStore() }),
    publisher: { publish: (m) => { published.push(...m); return Promise.resolve(); } },
    metrics: createJoinerMetrics(new Registry()), logger: createLogger({ service: 'test', level: 'silent' }),
    ...(tracing === undefined ? {} : { tracing }),
  });
  const prediction: PredictionLog = { requestId: 'r-1', modelId: 'credit', modelVersion: '3', timestamp: T0, features: { age: 41 }, prediction: { label: 'a', score: null }, slice: {}, subjectId: 'customer-1' };
  const label: GroundTruth = { requestId: 'r-1', modelId: 'credit', label: 'a', value: null, timestamp: T0 + 10 };
  await handler.handle(await toInput(topics.predictions, predictionLogSchema, prediction, contexts.prediction));
  await handler.handle(await toInput(topics.labels, groundTruthSchema, label, contexts.label));
  return published.filter((m) => m.topic === topics.outcomes);
}

describe('join handler tracing', () => {
  it('produces the Outcome in a child span of the prediction, linked to the label', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 'driftline-joiner', exporter });

    const [outcome] = await join(tracing, { prediction: predictionContext, label: labelContext });
    await tracing.flush();

    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('create outcomes');
    expect(span?.parentSpanContext?.spanId).toBe('1'.repeat(16));
    expect(span?.links.map((l) => l.context.spanId)).toEqual(['2'.repeat(16)]);
    expect(outcome?.headers).toEqual({ traceparent: `00-${'a'.repeat(32)}-${span?.spanContext().spanId}-01` });
    expect(Object.values(span?.attributes ?? {})).not.toContain('r-1');
    await tracing.shutdown();
  });

  it('continues the label\'s trace when only the label has one, and adds no headers to untraced pairs', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 'driftline-joiner', exporter });

    const [fromLabel] = await join(tracing, { label: labelContext });
    const [untraced] = await join(tracing, {});
    await tracing.flush();

    expect(fromLabel?.headers?.['traceparent']).toMatch(new RegExp(`^00-${'b'.repeat(32)}-`));
    expect(untraced?.headers).toBeUndefined();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    await tracing.shutdown();
  });

  it('passes the prediction\'s context to the Outcome unchanged when tracing is off', async () => {
    const [outcome] = await join(undefined, { prediction: predictionContext, label: labelContext });

    expect(outcome?.headers).toEqual({ traceparent: predictionContext });
  });
});
