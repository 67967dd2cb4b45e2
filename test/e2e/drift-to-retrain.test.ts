// Issue #6 end to end through aggregator, joiner, detector and trigger (real Kafka, registry, Redis):
// an abrupt shift of one feature in one slice, with a control model beside it, yields exactly one
// data-drift event naming that feature and slice (within the delay docs/detector.md states) and
// none for the control, and one retrain request follows; a concept drift in another slice, visible
// once the delayed labels are joined, yields a concept-drift event and no second request (cooldown).
import { describe, expect, it } from 'vitest';
import { toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { TopicRole, groundTruthSchema, predictionLogSchema } from '@driftline/schemas';
import type { DriftEvent, GroundTruth, PredictionLog, RetrainRequest } from '@driftline/schemas';
import { createTestKafka, createTestSerde, createTestTopics, uniqueName } from '../support/kafka-factories.ts';
import { parseSpec, publishSpec } from '../support/aggregator-harness.ts';
import { startService } from '../support/service-process.ts';
import { freePort } from '../support/private-redis.ts';
import { buildDriftStream, buildLabels, STREAM_STEP_MS, STREAM_T0 } from '../support/drift-stream.ts';
import { waitFor } from '../support/wait-for.ts';
import { deleteRedisKeysAfterTest, joinerEnv, readTopic, startJoiner } from '../integration/joiner/joiner-process.ts';

const N = 30_000;
const SHIFT_AT = 15_000;
const LABEL_DELAY_MS = 120_000;

const specOf = (modelId: string): unknown => ({
  modelId, prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline', scoreThreshold: 0.5 },
  features: [{ name: 'income', type: 'numeric' }, { name: 'age', type: 'numeric' }],
  slices: { keys: ['region'] }, windows: { size: '1m', grace: '10s', rolling: 5 },
  // DDM sets its minimum error rate from the first warmStart outcomes: River's 30 makes that minimum
  // a lucky low often enough to fire on a stable stream (docs/detector.md).
  detectors: { features: [{ kind: 'adwin' }], errors: [{ kind: 'ddm', params: { warmStart: 500 } }] },
  alerts: { cooldown: '1h', minEvidence: 500 },
  retraining: { onDemand: true, drift: { minSeverity: 'WARNING', minFeatures: 1, sustainedFor: 0 }, cooldown: '1h' },
});

async function publish(clients: KafkaClients, serde: AvroSerde, topic: string, schema: object, records: readonly (PredictionLog | GroundTruth)[]): Promise<void> {
  const encode = await serde.encoderFor(toTopicSubject(topic), schema);
  for (let i = 0; i < records.length; i += 5000) {
    await clients.publisher.publish(records.slice(i, i + 5000).map((r) => ({ topic, key: r.requestId, value: encode(r) })));
  }
}

async function decodeAll<T>(clients: KafkaClients, serde: AvroSerde, topic: string): Promise<T[]> {
  const messages = await readTopic(clients, topic);
  return Promise.all(messages.map(async (m) => (await serde.decode<T>(m.value ?? Buffer.alloc(0))).value));
}

describe('drift to retraining, end to end', () => {
  it('turns a slice shift into one data-drift event and one retrain request, and a concept drift into an event within the cooldown', async () => {
    // Arrange: topics, specs, the four services
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 3 });
    for (const model of ['credit', 'control']) await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), parseSpec(specOf(model)));
    const redisPrefix = deleteRedisKeysAfterTest(`${topics.prefix}dl:`);
    const aggregatorPort = await freePort();
    const common = { DRIFTLINE_TOPIC_PREFIX: topics.prefix, DRIFTLINE_REDIS_PREFIX: redisPrefix, KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000' };
    const aggregator = startService('aggregator', { ...common, AGGREGATOR_GROUP_ID: uniqueName('aggregator'), AGGREGATOR_OUTCOME_GRACE: '5m', HTTP_PORT: String(aggregatorPort), K_ANONYMITY: '10' });
    const detector = startService('detector', {
      ...common, DETECTOR_GROUP_ID: uniqueName('detector'), DETECTOR_AGGREGATOR_URL: `http://127.0.0.1:${aggregatorPort}`, DETECTOR_OUTCOME_GRACE: '5m',
      DETECTOR_EVALUATE_INTERVAL: '1s', DETECTOR_CHECKPOINT_INTERVAL: '1s',
    });
    const trigger = startService('trigger', { ...common, TRIGGER_GROUP_ID: uniqueName('trigger'), TRIGGER_TICK_INTERVAL: '1s' });
    startJoiner(joinerEnv({ topicPrefix: topics.prefix, window: '10m', grace: '1m' }));
    await Promise.all([aggregator.started, detector.started, trigger.started]);

    // Act: predictions of both models, then their labels two minutes later in event time
    const credit = buildDriftStream({ modelId: 'credit', n: N, scores: 'uniform', shift: { at: SHIFT_AT, feature: 'income', region: 'eu', by: 15 } });
    const control = buildDriftStream({ modelId: 'control', n: N, scores: 'uniform', seed: 7 });
    await publish(clients, serde, topics.name(TopicRole.PREDICTIONS), predictionLogSchema, [...credit, ...control]);
    await publish(clients, serde, topics.name(TopicRole.LABELS), groundTruthSchema, [
      ...buildLabels(credit, { delayMs: LABEL_DELAY_MS, flip: { at: SHIFT_AT, region: 'us' } }),
      ...buildLabels(control, { delayMs: LABEL_DELAY_MS, seed: 5 }),
    ]);
    const events = await waitFor(async () => {
      const all = await decodeAll<DriftEvent>(clients, serde, topics.name(TopicRole.DRIFT_EVENTS));
      return all.some((e) => e.kind === 'CONCEPT_DRIFT') && all.some((e) => e.kind === 'DATA_DRIFT') ? all : undefined;
    }, { what: 'a data-drift and a concept-drift event', timeoutMs: 150_000, intervalMs: 2_000 });
    const requests = await waitFor(async () => {
      const all = await decodeAll<RetrainRequest>(clients, serde, topics.name(TopicRole.RETRAIN_REQUESTS));
      return all.length > 0 ? all : undefined;
    }, { what: 'a retrain request', timeoutMs: 30_000, intervalMs: 1_000 });
    await new Promise((r) => setTimeout(r, 5_000)); // room for a wrong second request or event to show

    // Assert
    const final = await decodeAll<DriftEvent>(clients, serde, topics.name(TopicRole.DRIFT_EVENTS));
    const dataDrift = final.filter((e) => e.kind === 'DATA_DRIFT');
    expect(dataDrift.map((e) => [e.modelId, e.slice, e.feature])).toEqual([['credit', 'region=eu', 'income']]);
    const shiftTime = STREAM_T0 + SHIFT_AT * STREAM_STEP_MS;
    expect(dataDrift[0]!.windowEnd - shiftTime).toBeGreaterThan(0);
    expect(dataDrift[0]!.windowEnd - shiftTime).toBeLessThan(3 * 3 * 1_500 * STREAM_STEP_MS);
    expect(final.filter((e) => e.modelId === 'control')).toEqual([]);
    expect(events.filter((e) => e.kind === 'CONCEPT_DRIFT').map((e) => [e.modelId, e.slice])).toContainEqual(['credit', 'region=us']);
    const final2 = await decodeAll<RetrainRequest>(clients, serde, topics.name(TopicRole.RETRAIN_REQUESTS));
    expect(final2).toHaveLength(1);
    expect(requests[0]!.modelId).toBe('credit');
    expect(requests[0]!.reasons.flatMap((r) => r.eventIds)).toContain(dataDrift[0]!.eventId);
  });
});
