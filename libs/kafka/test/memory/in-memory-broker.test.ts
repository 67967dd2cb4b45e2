// Broker-specific behaviour of the fake; the port behaviour is covered by the root messaging contract suite.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Partitioners } from 'kafkajs';
import type { PartitionMetadata } from 'kafkajs';
import { InMemoryBroker } from '@driftline/kafka';

function kafkajsPartition(key: string, partitions: number): number {
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
  return Partitioners.DefaultPartitioner()({ topic: 't', partitionMetadata, message: { key, value: null } });
}

describe('InMemoryBroker', () => {
  test.prop([fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 64 })])(
    'places a keyed message on the partition the kafkajs default partitioner would choose',
    async (key, partitions) => {
      const broker = new InMemoryBroker();
      broker.createTopic('t', partitions);

      await broker.publisher().publish([{ topic: 't', key, value: Buffer.from('v') }]);

      expect(broker.messages('t')[0]?.partition).toBe(kafkajsPartition(key, partitions));
    },
  );

  it('refuses to publish to a topic that was never created', async () => {
    const broker = new InMemoryBroker();

    await expect((async () => { await broker.publisher().publish([{ topic: 'missing', key: 'k', value: null }]); })()).rejects.toThrow(/does not exist/);
  });

  it('reports a publish to a missing topic as a rejected promise', async () => {
    const broker = new InMemoryBroker();

    await expect(broker.publisher().publish([{ topic: 'missing', key: 'k', value: null }])).rejects.toThrow(/does not exist/);
  });

  it('honours an explicit partition over the key', async () => {
    const broker = new InMemoryBroker();
    broker.createTopic('t', 4);

    await broker.publisher().publish([{ topic: 't', key: 'k', value: null, partition: 3 }]);

    expect(broker.messages('t').map((m) => m.partition)).toEqual([3]);
  });

  it('starts a new group at the log end when not reading from the beginning', async () => {
    const broker = new InMemoryBroker();
    broker.createTopic('t', 1);
    await broker.publisher().publish([{ topic: 't', key: 'old', value: Buffer.from('1') }]);
    const keys: string[] = [];
    const source = broker.source('g');
    await source.run({
      topics: ['t'], fromBeginning: false,
      onBatch: (batch, control) => {
        keys.push(...batch.messages.map((m) => m.key?.toString() ?? ''));
        const last = batch.messages.at(-1);
        if (last !== undefined) control.resolveOffset(last.offset);
        return Promise.resolve();
      },
    });

    await broker.publisher().publish([{ topic: 't', key: 'new', value: Buffer.from('2') }]);
    const deadline = Date.now() + 2000;
    while (keys.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await source.stop();

    expect(keys).toEqual(['new']);
  });
});
