// The shared consume loop against real Kafka and the real registry: Avro round trip, and bad
// input dead-lettered with its reason while the loop goes on.
import { describe, expect, it } from 'vitest';
import { createConsumeLoop, toTopicSubject, toWireFormat } from '@driftline/kafka';
import type { DecodedMessage } from '@driftline/kafka';
import { TopicRole, predictionLogSchema } from '@driftline/schemas';
import type { DeadLetter, PredictionLog } from '@driftline/schemas';
import { createTestKafka, createTestSerde, createTestTopics, uniqueName } from '../../support/kafka-factories.ts';
import { waitFor } from '../../support/wait-for.ts';
import { buildPredictionLog } from '../../fixtures/prediction-logs.ts';

describe('consume loop on real Kafka', () => {
  it('round-trips PredictionLog records and dead-letters random bytes and unknown schema ids while going on', async () => {
    // Arrange
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 1 });
    const predictions = topics.name(TopicRole.PREDICTIONS);
    const deadLetters = topics.name(TopicRole.DEAD_LETTERS);
    const encode = await serde.encoderFor(toTopicSubject(predictions), predictionLogSchema);
    const records = Array.from({ length: 50 }, (_, i) => buildPredictionLog(i));
    const randomBytes = Buffer.from('this is not avro at all');
    const unknownId = toWireFormat(2_000_000_000, encode(records[0]).subarray(5));
    await clients.publisher.publish([
      ...records.slice(0, 25).map((r) => ({ topic: predictions, key: r.requestId, value: encode(r) })),
      { topic: predictions, key: 'bad-1', value: randomBytes },
      { topic: predictions, key: 'bad-2', value: unknownId },
      ...records.slice(25).map((r) => ({ topic: predictions, key: r.requestId, value: encode(r) })),
    ]);
    const seen: DecodedMessage<PredictionLog>[] = [];
    const loop = createConsumeLoop<PredictionLog>({
      source: clients.source({ groupId: uniqueName('group') }), publisher: clients.publisher, serde,
      deadLetterTopic: deadLetters, service: 'it-consume-loop',
      handler: { handle: ({ records: batch }) => { seen.push(...batch); return Promise.resolve({ invalid: [] }); } },
    });

    // Act
    await loop.start({ topics: [predictions], fromBeginning: true });
    await waitFor(() => seen.length >= 50 || undefined, { what: '50 decoded records', timeoutMs: 60_000 });
    await loop.stop();

    // Assert
    expect(seen.map((s) => s.value)).toEqual(records);
    const letters = await readAll(clients, serde, deadLetters, 2);
    expect(letters.map((l) => [l.key, l.value.reason])).toEqual([
      ['bad-1', 'DL_KAFKA_NOT_WIRE_FORMAT'],
      ['bad-2', 'DL_KAFKA_UNKNOWN_SCHEMA_ID'],
    ]);
    expect(letters[0]?.value).toMatchObject({ sourceTopic: predictions, sourcePartition: 0, sourceOffset: '25', service: 'it-consume-loop' });
    expect(Buffer.from(letters[0]?.value.originalValue ?? [])).toEqual(randomBytes);
    expect(letters[1]?.value).toMatchObject({ sourceOffset: '26', schemaId: 2_000_000_000 });
  });
});

async function readAll(clients: ReturnType<typeof createTestKafka>, serde: ReturnType<typeof createTestSerde>, topic: string, count: number): Promise<{ key: string | null; value: DeadLetter }[]> {
  const out: { key: string | null; value: DeadLetter }[] = [];
  const source = clients.source({ groupId: uniqueName('reader') });
  await source.run({
    topics: [topic], fromBeginning: true,
    onBatch: async (batch, control) => {
      for (const m of batch.messages) {
        if (m.value !== null) out.push({ key: m.key?.toString() ?? null, value: (await serde.decode<DeadLetter>(m.value)).value });
        control.resolveOffset(m.offset);
      }
    },
  });
  await waitFor(() => out.length >= count || undefined, { what: `${count} dead letters`, timeoutMs: 60_000 });
  await source.stop();
  return out.sort((a, b) => Number(a.value.sourceOffset) - Number(b.value.sourceOffset));
}
