// End to end through the streaming detectors (real Kafka, registry, Redis): an abrupt shift of one
// feature in one slice yields exactly one data-drift event naming that feature and slice, a control
// model without drift none; and with the detector killed (SIGKILL) and restarted mid-stream, still
// exactly one.
import { describe, expect, it } from 'vitest';
import { toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { TopicRole, predictionLogSchema } from '@driftline/schemas';
import type { DriftEvent, PredictionLog } from '@driftline/schemas';
import { createTestKafka, createTestSerde, createTestTopics, uniqueName } from '../../support/kafka-factories.ts';
import { parseSpec, publishSpec } from '../../support/aggregator-harness.ts';
import { startService } from '../../support/service-process.ts';
import { buildDriftStream, STREAM_STEP_MS, STREAM_T0 } from '../../support/drift-stream.ts';
import { waitFor } from '../../support/wait-for.ts';
import { deleteRedisKeysAfterTest, readTopic } from '../joiner/joiner-process.ts';

const N = 60_000;
const SHIFT_AT = 30_000;
const specOf = (modelId: string): unknown => ({
  modelId, prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' },
  features: [{ name: 'income', type: 'numeric' }, { name: 'age', type: 'numeric' }],
  slices: { keys: ['region'] }, windows: { size: '5m', grace: '1m' },
  detectors: { features: [{ kind: 'adwin', params: { delta: 0.002 } }] },
  alerts: { cooldown: '1h' },
});

async function publish(clients: KafkaClients, serde: AvroSerde, topic: string, records: readonly PredictionLog[]): Promise<void> {
  const encode = await serde.encoderFor(toTopicSubject(topic), predictionLogSchema);
  for (let i = 0; i < records.length; i += 5000) {
    await clients.publisher.publish(records.slice(i, i + 5000).map((r) => ({ topic, key: r.requestId, value: encode(r) })));
  }
}

async function setup(): Promise<{ clients: KafkaClients; serde: AvroSerde; env: Record<string, string>; topics: Awaited<ReturnType<typeof createTestTopics>>; group: string }> {
  const clients = createTestKafka();
  const serde = createTestSerde();
  const topics = await createTestTopics(clients, { partitions: 3 });
  for (const model of ['credit', 'control']) await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), parseSpec(specOf(model)));
  const group = uniqueName('detector');
  const env = {
    DRIFTLINE_TOPIC_PREFIX: topics.prefix, DRIFTLINE_REDIS_PREFIX: deleteRedisKeysAfterTest(`${topics.prefix}dl:`), DETECTOR_GROUP_ID: group,
    DETECTOR_CHECKPOINT_INTERVAL: '500ms', KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
  };
  return { clients, serde, env, topics, group };
}

async function consumedAll(clients: KafkaClients, group: string, topic: string): Promise<boolean> {
  const [ends, committed] = await Promise.all([clients.admin.endOffsets(topic), clients.admin.committedOffsets(group, topic)]);
  return [...ends].every(([p, end]) => committed.get(p) === end);
}

async function driftEvents(clients: KafkaClients, serde: AvroSerde, topic: string): Promise<DriftEvent[]> {
  const messages = await readTopic(clients, topic);
  return Promise.all(messages.map(async (m) => (await serde.decode<DriftEvent>(m.value ?? Buffer.alloc(0))).value));
}

function expectOneShiftEvent(events: readonly DriftEvent[]): void {
  expect(events.filter((e) => e.modelId === 'control')).toEqual([]);
  expect(events.map((e) => [e.modelId, e.kind, e.slice, e.feature, e.statistic])).toEqual([['credit', 'DATA_DRIFT', 'region=eu', 'income', 'adwin']]);
  const [event] = events;
  const shiftTime = STREAM_T0 + SHIFT_AT * STREAM_STEP_MS;
  // docs/detector.md: a 1.5σ shift in a slice with a third of the traffic, split over 3 partitions,
  // is detected within about 1,500 records of the slice per partition (here 3 × 3 × 1,500 × 50 ms).
  expect(event!.windowEnd).toBeGreaterThan(shiftTime);
  expect(event!.windowEnd - shiftTime).toBeLessThan(3 * 3 * 1_500 * STREAM_STEP_MS);
  expect(event!.explanation).toContain('income');
  expect(event!.recommendedAction).toContain('region=eu');
}

describe('detector: streaming detectors end to end', () => {
  it('publishes exactly one data-drift event for a shift in one feature of one slice and none for the control', async () => {
    const { clients, serde, env, topics, group } = await setup();
    const predictions = topics.name(TopicRole.PREDICTIONS);
    const detector = startService('detector', env);
    await detector.started;

    await publish(clients, serde, predictions, [
      ...buildDriftStream({ modelId: 'credit', n: N, shift: { at: SHIFT_AT, feature: 'income', region: 'eu', by: 15 } }),
      ...buildDriftStream({ modelId: 'control', n: N, seed: 7 }),
    ]);
    await waitFor(() => consumedAll(clients, group, predictions), { what: 'the detector to consume every prediction', timeoutMs: 120_000, intervalMs: 500 });

    expectOneShiftEvent(await driftEvents(clients, serde, topics.name(TopicRole.DRIFT_EVENTS)));
  });

  it('still publishes exactly one event when killed and restarted mid-stream', async () => {
    const { clients, serde, env, topics, group } = await setup();
    const predictions = topics.name(TopicRole.PREDICTIONS);
    await publish(clients, serde, predictions, buildDriftStream({ modelId: 'credit', n: N, shift: { at: SHIFT_AT, feature: 'income', region: 'eu', by: 15 } }));

    let kills = 0;
    for (;;) {
      const detector = startService('detector', env);
      await detector.started;
      if (kills === 4) break;
      await new Promise((r) => setTimeout(r, 800 + 400 * kills));
      detector.child.kill('SIGKILL');
      await detector.exited;
      kills++;
    }
    await waitFor(() => consumedAll(clients, group, predictions), { what: 'the detector to consume every prediction', timeoutMs: 120_000, intervalMs: 500 });

    expectOneShiftEvent(await driftEvents(clients, serde, topics.name(TopicRole.DRIFT_EVENTS)));
  });
});
