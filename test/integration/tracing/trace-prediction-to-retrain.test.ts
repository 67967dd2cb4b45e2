// One trace from a produced prediction to the drift event it contributed to and on to the retrain
// request (docs/tracing.md), against the real stack: `driftline produce --trace` plays an instrumented
// serving system; the detector and the trigger run as processes exporting OTLP/HTTP JSON to a
// receiver in this process. A second case follows a prediction through the joiner into its Outcome
// and into the aggregator's consume span. No span attribute holds a key, a request or subject id, or
// a feature value.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AvroSerde, InboundMessage, KafkaClients } from '@driftline/kafka';
import { TopicRole } from '@driftline/schemas';
import type { DriftEvent, GroundTruth, PredictionLog } from '@driftline/schemas';
import { parseSpec, publishSpec, startAggregator, aggregatorEnv } from '../../support/aggregator-harness.ts';
import { buildDriftStream, buildLabels } from '../../support/drift-stream.ts';
import { createTestKafka, createTestSerde, createTestTopics, uniqueName } from '../../support/kafka-factories.ts';
import { startService } from '../../support/service-process.ts';
import { repoRoot, stackEnv } from '../../support/stack-env.ts';
import { waitFor } from '../../support/wait-for.ts';
import { deleteRedisKeysAfterTest, joinerEnv, readTopic, startJoiner } from '../joiner/joiner-process.ts';
import { triggerEnv } from '../trigger/trigger-process.ts';
import { startOtlpReceiver } from './otlp-receiver.ts';
import type { ReceivedSpan } from './otlp-receiver.ts';

const run = promisify(execFile);
const N = 24_000;
const SHIFT_AT = 12_000;
const PRODUCER = 'credit-serving';

const spec = {
  modelId: 'credit', prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' },
  features: [{ name: 'income', type: 'numeric' }, { name: 'age', type: 'numeric' }],
  slices: { keys: ['region'] }, windows: { size: '5m', grace: '1m' },
  detectors: { features: [{ kind: 'adwin', params: { delta: 0.002 } }] },
  alerts: { cooldown: '1h' },
  retraining: { drift: { minSeverity: 'WARNING', minFeatures: 1 }, cooldown: '1h' },
};

/** Tracing variables of every process: export to the receiver, often. */
const tracingEnv = (url: string): Record<string, string> => ({ OTEL_EXPORTER_OTLP_ENDPOINT: url, OTEL_BSP_SCHEDULE_DELAY: '200' });

function jsonLines(records: readonly object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dl-trace-')), 'records.jsonl');
  writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return file;
}

/** `driftline produce <topic> --file … --trace` as the serving system `PRODUCER` would. */
async function produceTraced(topic: string, records: readonly object[], receiverUrl: string): Promise<void> {
  await run(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services/cli/src/main.ts'), 'produce', topic, '--file', jsonLines(records), '--trace'], {
    env: { PATH: process.env['PATH'] ?? '', ...stackEnv().vars, ...tracingEnv(receiverUrl), OTEL_SERVICE_NAME: PRODUCER, OTEL_BSP_MAX_QUEUE_SIZE: String(records.length + 1000) },
    maxBuffer: 16 * 1_048_576,
  });
}

function parseTraceparent(value: string | undefined): { traceId: string; spanId: string } {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(value ?? '');
  if (match === null) throw new Error(`not a sampled traceparent: ${String(value)}`);
  return { traceId: match[1] ?? '', spanId: match[2] ?? '' };
}

/** Span attributes that would leak: a value equal to a denied one, or a name about keys, people or features. */
function leaks(spans: readonly ReceivedSpan[], denied: ReadonlySet<string>): string[] {
  return spans.flatMap((s) => [
    ...(denied.has(s.name) ? [`${s.service}: span name ${s.name}`] : []),
    ...Object.entries(s.attributes).filter(([k, v]) => denied.has(String(v)) || /key|subject|request_id|feature|label/i.test(k)).map(([k, v]) => `${s.service} ${s.name}: ${k}=${String(v)}`),
  ]);
}

function deniedValues(predictions: readonly PredictionLog[]): Set<string> {
  return new Set(predictions.flatMap((p) => [p.requestId, ...(p.subjectId === null ? [] : [p.subjectId]), ...Object.values(p.features).map(String)]));
}

async function decodedWithHeaders(clients: KafkaClients, serde: AvroSerde, topic: string): Promise<{ message: InboundMessage; value: unknown }[]> {
  return Promise.all((await readTopic(clients, topic)).map(async (message) => ({ message, value: (await serde.decode(message.value ?? Buffer.alloc(0))).value })));
}

/** A receiver, one-partition topics and the monitor spec published. */
async function setup(): Promise<{ receiver: Awaited<ReturnType<typeof startOtlpReceiver>>; clients: KafkaClients; serde: AvroSerde; topics: Awaited<ReturnType<typeof createTestTopics>> }> {
  const receiver = await startOtlpReceiver();
  const clients = createTestKafka();
  const serde = createTestSerde();
  const topics = await createTestTopics(clients, { partitions: 1 });
  await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), parseSpec(spec));
  return { receiver, clients, serde, topics };
}

const findSpan = (spans: readonly ReceivedSpan[], traceId: string, spanId: string): ReceivedSpan | undefined => spans.find((s) => s.traceId === traceId && s.spanId === spanId);

describe('tracing from prediction to retrain request', () => {
  it('links a produced prediction to the drift event it contributed to, and the event to the retrain request, in one trace', async () => {
    // Arrange
    const { receiver, clients, serde, topics } = await setup();
    const detector = startService('detector', {
      ...tracingEnv(receiver.url), DRIFTLINE_TOPIC_PREFIX: topics.prefix, DRIFTLINE_REDIS_PREFIX: deleteRedisKeysAfterTest(`${topics.prefix}dl:`), DETECTOR_GROUP_ID: uniqueName('detector'),
      KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
    });
    const { env } = await triggerEnv(topics.prefix, tracingEnv(receiver.url));
    const trigger = startService('trigger', env);
    await Promise.all([detector.started, trigger.started]);
    const predictions = buildDriftStream({ modelId: 'credit', n: N, shift: { at: SHIFT_AT, feature: 'income', region: 'eu', by: 15 } })
      .map((p, i) => ({ ...p, subjectId: `customer-${i}` }));

    // Act
    await produceTraced(topics.name(TopicRole.PREDICTIONS), predictions, receiver.url);
    const [event] = await waitFor(async () => {
      const events = (await decodedWithHeaders(clients, serde, topics.name(TopicRole.DRIFT_EVENTS))).map((e) => ({ message: e.message, value: e.value as DriftEvent })).filter((e) => e.value.kind === 'DATA_DRIFT');
      return events.length > 0 ? events : undefined;
    }, { what: 'a data-drift event', timeoutMs: 120_000, intervalMs: 1000 });
    const [request] = await waitFor(async () => {
      const requests = await readTopic(clients, topics.name(TopicRole.RETRAIN_REQUESTS)).catch(() => []);
      return requests.length > 0 ? requests : undefined;
    }, { what: 'a retrain request', timeoutMs: 60_000, intervalMs: 1000 });
    const eventContext = parseTraceparent(event!.message.headers['traceparent']);
    const requestContext = parseTraceparent(request!.headers['traceparent']);
    const eventSpan = await waitFor(() => findSpan(receiver.spans, eventContext.traceId, eventContext.spanId), { what: 'the drift event\'s span', timeoutMs: 30_000 });
    const requestSpan = await waitFor(() => findSpan(receiver.spans, requestContext.traceId, requestContext.spanId), { what: 'the retrain request\'s span', timeoutMs: 30_000 });
    const producedSpan = await waitFor(() => findSpan(receiver.spans, eventContext.traceId, eventSpan.parentSpanId ?? ''), { what: 'the prediction\'s span', timeoutMs: 30_000 });

    // Assert: prediction → drift event → retrain request, one trace id
    expect(producedSpan).toMatchObject({ service: PRODUCER, name: `create ${topics.name(TopicRole.PREDICTIONS)}`, parentSpanId: undefined });
    expect(eventSpan).toMatchObject({ service: 'driftline-detector', name: `create ${topics.name(TopicRole.DRIFT_EVENTS)}`, attributes: { 'driftline.event_kind': 'DATA_DRIFT', 'driftline.model_id': 'credit' } });
    expect(event!.value.traceparent).toBe(event!.message.headers['traceparent']);
    expect(requestSpan).toMatchObject({ service: 'driftline-trigger', traceId: eventContext.traceId, parentSpanId: eventContext.spanId, name: `create ${topics.name(TopicRole.RETRAIN_REQUESTS)}` });
    // ... and that prediction is one the event is about: a shifted record of the drifting slice
    const produced = await decodedWithHeaders(clients, serde, topics.name(TopicRole.PREDICTIONS));
    const contributor = produced.find((p) => p.message.headers['traceparent'] === `00-${producedSpan.traceId}-${producedSpan.spanId}-01`);
    expect(event!.value).toMatchObject({ slice: 'region=eu', feature: 'income' });
    expect((contributor?.value as PredictionLog | undefined)?.slice).toEqual({ region: 'eu' });
    expect(Number(contributor?.message.offset)).toBeGreaterThanOrEqual(SHIFT_AT);
    // the detector's consume spans link to the records they processed
    const consumeLinks = receiver.spans.filter((s) => s.service === 'driftline-detector' && s.name === `process ${topics.name(TopicRole.PREDICTIONS)}`).flatMap((s) => s.links);
    expect(consumeLinks.length).toBeGreaterThan(0);
    expect(consumeLinks.every((l) => receiver.spans.some((s) => s.service === PRODUCER && s.traceId === l.traceId && s.spanId === l.spanId))).toBe(true);
    expect(leaks(receiver.spans, deniedValues(predictions))).toEqual([]);
    expect(receiver.refused()).toBe(0);
  }, 240_000);

  it('carries a prediction\'s trace into its Outcome through the joiner, and into the aggregator\'s consume spans', async () => {
    // Arrange
    const { receiver, clients, topics } = await setup();
    const predictions = buildDriftStream({ modelId: 'credit', n: 40 }).map((p, i) => ({ ...p, subjectId: `customer-${i}` }));
    const labels: GroundTruth[] = buildLabels(predictions, { delayMs: 60_000 });
    await produceTraced(topics.name(TopicRole.PREDICTIONS), predictions, receiver.url);
    await produceTraced(topics.name(TopicRole.LABELS), labels, receiver.url);

    // Act
    startJoiner({ ...joinerEnv({ topicPrefix: topics.prefix, window: '1h', grace: '5m' }), ...tracingEnv(receiver.url) });
    const aggregator = startAggregator({ ...aggregatorEnv(topics.prefix), DRIFTLINE_REDIS_PREFIX: deleteRedisKeysAfterTest(`${topics.prefix}dl:`), ...tracingEnv(receiver.url) });
    await aggregator.started;
    const outcomes = await waitFor(async () => {
      const read = await readTopic(clients, topics.name(TopicRole.OUTCOMES)).catch(() => []);
      return read.length >= predictions.length ? read : undefined;
    }, { what: 'an outcome per prediction', timeoutMs: 60_000, intervalMs: 500 });
    const byKey = (messages: readonly InboundMessage[]): Map<string, InboundMessage> => new Map(messages.map((m) => [m.key?.toString() ?? '', m]));
    const predictionMessages = byKey(await readTopic(clients, topics.name(TopicRole.PREDICTIONS)));
    const labelMessages = byKey(await readTopic(clients, topics.name(TopicRole.LABELS)));
    await waitFor(() => receiver.spans.filter((s) => s.service === 'driftline-joiner').length >= predictions.length || undefined, { what: 'the joiner\'s outcome spans', timeoutMs: 30_000 });
    const aggregatorSpan = await waitFor(() => receiver.spans.find((s) => s.service === 'driftline-aggregator' && s.name === `process ${topics.name(TopicRole.PREDICTIONS)}`), { what: 'the aggregator\'s consume span', timeoutMs: 30_000 });

    // Assert: each Outcome's span is a child of its prediction's span, linked to its label's
    for (const outcome of outcomes) {
      const key = outcome.key?.toString() ?? '';
      const prediction = parseTraceparent(predictionMessages.get(key)?.headers['traceparent']);
      const label = parseTraceparent(labelMessages.get(key)?.headers['traceparent']);
      const own = parseTraceparent(outcome.headers['traceparent']);
      expect(own.traceId).toBe(prediction.traceId);
      expect(findSpan(receiver.spans, own.traceId, own.spanId)).toMatchObject({ service: 'driftline-joiner', parentSpanId: prediction.spanId, links: [label] });
    }
    expect(aggregatorSpan.links.length).toBeGreaterThan(0);
    expect(aggregatorSpan.links.every((l) => receiver.spans.some((s) => s.service === PRODUCER && s.traceId === l.traceId && s.spanId === l.spanId))).toBe(true);
    expect(leaks(receiver.spans, deniedValues(predictions))).toEqual([]);
    expect(receiver.refused()).toBe(0);
  }, 180_000);
});
