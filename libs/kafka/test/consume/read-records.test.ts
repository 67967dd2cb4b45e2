import { describe, expect, it } from 'vitest';
import { InMemoryBroker, readRecords } from '@driftline/kafka';
import type { InboundMessage, OffsetRange } from '@driftline/kafka';

function setup(): { broker: InMemoryBroker; read: (topics: ReadonlyMap<string, ReadonlyMap<number, OffsetRange> | 'all'>) => Promise<{ seen: string[]; exhausted: readonly string[] }> } {
  const broker = new InMemoryBroker();
  broker.createTopic('a', 2);
  broker.createTopic('b', 1);
  let groups = 0;
  const read = async (topics: ReadonlyMap<string, ReadonlyMap<number, OffsetRange> | 'all'>): Promise<{ seen: string[]; exhausted: readonly string[] }> => {
    const seen: string[] = [];
    const onMessage = (m: InboundMessage): void => { seen.push(`${m.topic}:${m.partition}:${m.offset}`); };
    const result = await readRecords({ admin: broker.admin(), source: (g) => broker.source(g, { maxBatch: 3 }) }, { groupId: `read-${groups++}`, topics, onMessage, idleMs: 300 });
    return { seen: seen.sort(), exhausted: result.exhausted };
  };
  return { broker, read };
}

async function fill(broker: InMemoryBroker): Promise<void> {
  const publisher = broker.publisher();
  for (let i = 0; i < 10; i++) {
    await publisher.publish([
      { topic: 'a', key: 'k', partition: 0, value: Buffer.from(`a0-${i}`) },
      { topic: 'a', key: 'k', partition: 1, value: i === 9 ? null : Buffer.from(`a1-${i}`) },
      { topic: 'b', key: 'k', partition: 0, value: Buffer.from(`b-${i}`) },
    ]);
  }
}

describe('readRecords', () => {
  it('reads exactly the offsets of the ranges, tombstones included, and skips unlisted partitions', async () => {
    const { broker, read } = setup();
    await fill(broker);

    const { seen, exhausted } = await read(new Map([['a', new Map([[1, { from: 4n, to: 9n }]])], ['b', new Map([[0, { from: 7n, to: 8n }]])]]));

    expect(seen).toEqual(['a:1:4', 'a:1:5', 'a:1:6', 'a:1:7', 'a:1:8', 'a:1:9', 'b:0:7', 'b:0:8']);
    expect(exhausted).toEqual([]);
  });

  it('reads whole topics with `all`', async () => {
    const { broker, read } = setup();
    await fill(broker);

    const { seen } = await read(new Map([['a', 'all']]));

    expect(seen).toHaveLength(20);
  });

  it('clips a range to the partition end and answers at once when nothing is left to read', async () => {
    const { broker, read } = setup();
    await fill(broker);

    expect((await read(new Map([['b', new Map([[0, { from: 8n, to: 100n }]])]]))).seen).toEqual(['b:0:8', 'b:0:9']);
    expect((await read(new Map([['b', new Map([[0, { from: 10n, to: 100n }]])]]))).seen).toEqual([]);
  });
});
