// The Kafka event log settles a claim left pending by a crash: it finds an event id published at or
// after the claim's offsets, and only there.
import { describe, expect, it } from 'vitest';
import { InMemoryBroker, InMemorySchemaRegistry, createAvroSerde, toTopicSubject } from '@driftline/kafka';
import { driftEventSchema } from '@driftline/schemas';
import type { DriftEvent } from '@driftline/schemas';
import { createKafkaEventLog } from '../../src/emit/event-log.ts';

const event = (eventId: string): DriftEvent => ({
  eventId, kind: 'DATA_DRIFT', modelId: 'credit', modelVersion: '3', slice: 'overall', feature: 'income', statistic: 'psi', value: 0.4, threshold: 0.2,
  windowStart: 1_000, windowEnd: 2_000, referenceProfileId: null, referenceSize: 0, currentSize: 500, severity: 'WARNING',
  explanation: 'income moved', recommendedAction: 'check income', traceparent: null, detectedAt: 3_000,
});

function setup(): { log: ReturnType<typeof createKafkaEventLog>; publish: (ids: string[], partition: number) => Promise<void> } {
  const broker = new InMemoryBroker();
  broker.createTopic('drift-events', 2);
  const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });
  const publisher = broker.publisher();
  const publish = async (ids: string[], partition: number): Promise<void> => {
    const values = await Promise.all(ids.map((id) => serde.encode(toTopicSubject('drift-events'), driftEventSchema, event(id))));
    await publisher.publish(values.map((value) => ({ topic: 'drift-events', key: 'credit', value, partition })));
  };
  const log = createKafkaEventLog({ topic: 'drift-events', admin: broker.admin(), serde, source: (groupId) => broker.source(groupId) });
  return { log, publish };
}

describe('Kafka event log', () => {
  it('finds an event published at or after the given offsets, not one before them', async () => {
    const { log, publish } = setup();
    await publish(['e1', 'e2', 'e3'], 0);
    await publish(['e4'], 1);

    expect(await log.contains(new Map([[0, '0'], [1, '0']]), 'e2')).toBe(true);
    expect(await log.contains(new Map([[0, '2'], [1, '0']]), 'e2')).toBe(false);
    expect(await log.contains(new Map([[0, '2']]), 'e4')).toBe(true); // a partition the claim did not note is read from 0
    expect(await log.contains(new Map([[0, '3'], [1, '1']]), 'e3')).toBe(false); // nothing after the claim
    expect(await log.contains(new Map(), 'e9')).toBe(false);
  });
});
