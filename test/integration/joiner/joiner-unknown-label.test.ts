// A label whose prediction never arrives is dead-lettered with DL_JOINER_UNKNOWN_PREDICTION once
// the predictions of its partition pass its event time plus the grace, and not before.
import { describe, expect, it } from 'vitest';
import { toTopicSubject } from '@driftline/kafka';
import { TopicRole, groundTruthSchema, predictionLogSchema } from '@driftline/schemas';
import type { DeadLetter, GroundTruth } from '@driftline/schemas';
import { createTestKafka, createTestSerde, createTestTopics } from '../../support/kafka-factories.ts';
import { waitFor } from '../../support/wait-for.ts';
import { buildPredictionLog } from '../../fixtures/prediction-logs.ts';
import { countRecords, exited, joinerEnv, readTopic, startJoiner } from './joiner-process.ts';

const T0 = 1_795_000_000_000;
const GRACE_MS = 60_000;

describe('joiner: label for an unknown prediction', () => {
  it('dead-letters the label with the reason once event time passes it plus the grace', async () => {
    // Arrange
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 2 });
    const [predictionsTopic, labelsTopic, deadLettersTopic, outcomesTopic] = [TopicRole.PREDICTIONS, TopicRole.LABELS, TopicRole.DEAD_LETTERS, TopicRole.OUTCOMES].map((r) => topics.name(r)) as [string, string, string, string];
    const encodePrediction = await serde.encoderFor(toTopicSubject(predictionsTopic), predictionLogSchema);
    const encodeLabel = await serde.encoderFor(toTopicSubject(labelsTopic), groundTruthSchema);
    const ghost: GroundTruth = { requestId: 'ghost-1', modelId: 'credit', label: 'approve', value: null, timestamp: T0 };
    const predictionsAt = (timestamp: number, from: number) => Array.from({ length: 20 }, (_, i) => buildPredictionLog(from + i, { timestamp }))
      .map((p) => ({ topic: predictionsTopic, key: p.requestId, value: encodePrediction(p) }));
    const env = joinerEnv({ topicPrefix: topics.prefix, window: '1h', grace: `${GRACE_MS}` });
    const joiner = startJoiner(env);

    // Act 1: the label, then predictions (20 keys: both partitions) that reach its time but not the grace
    await clients.publisher.publish([{ topic: labelsTopic, key: ghost.requestId, value: encodeLabel(ghost) }, ...predictionsAt(T0 + GRACE_MS - 1, 0)]);
    const consumed = async (topic: string): Promise<boolean> => {
      const committed = await clients.admin.committedOffsets(env['DRIFTLINE_SERVICE_GROUP'] ?? '', topic);
      return [...await clients.admin.endOffsets(topic)].every(([p, end]) => end === '0' || committed.get(p) === end);
    };
    await waitFor(async () => ((await consumed(predictionsTopic)) && (await consumed(labelsTopic))) || undefined, { what: 'the joiner to consume the label and the first predictions', timeoutMs: 60_000 });
    const before = await countRecords(clients, deadLettersTopic);

    // Act 2: predictions past the grace
    await clients.publisher.publish(predictionsAt(T0 + GRACE_MS, 100));
    await waitFor(async () => (await countRecords(clients, deadLettersTopic)) >= 1 || undefined, { what: 'the dead letter', timeoutMs: 60_000 });
    joiner.kill('SIGTERM');
    expect(await exited(joiner)).toBe(0);

    // Assert
    const letters = await readTopic(clients, deadLettersTopic);
    expect(before).toBe(0);
    expect(letters).toHaveLength(1);
    const letter = (await serde.decode<DeadLetter>(letters[0]?.value ?? Buffer.alloc(0))).value;
    expect(letters[0]?.key?.toString()).toBe(ghost.requestId);
    expect(letter).toMatchObject({ reason: 'DL_JOINER_UNKNOWN_PREDICTION', sourceTopic: labelsTopic, sourceOffset: '0' });
    expect((await serde.decode<GroundTruth>(Buffer.from(letter.originalValue ?? []))).value).toEqual(ghost);
    expect(await countRecords(clients, outcomesTopic)).toBe(0);
  }, 180_000);
});
