import { describe, expect, it } from 'vitest';
import { InMemoryBroker, InMemorySchemaRegistry, createAvroSerde, findRecord } from '@driftline/kafka';
import type { AvroSerde } from '@driftline/kafka';

const schema = { type: 'record', name: 'Item', fields: [{ name: 'id', type: 'string' }] };

async function setup(): Promise<{ broker: InMemoryBroker; serde: AvroSerde; find: (from: ReadonlyMap<number, string>, id: string) => Promise<boolean> }> {
  const broker = new InMemoryBroker();
  broker.createTopic('items', 2);
  const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });
  const encode = await serde.encoderFor('items-value', schema);
  // partition by explicit number: p0 holds a0..a4, p1 holds b0..b4
  for (let i = 0; i < 5; i++) {
    await broker.publisher().publish([{ topic: 'items', key: 'k', partition: 0, value: encode({ id: `a${i}` }) }, { topic: 'items', key: 'k', partition: 1, value: encode({ id: `b${i}` }) }]);
  }
  let groups = 0;
  const find = (from: ReadonlyMap<number, string>, id: string): Promise<boolean> =>
    findRecord<{ id: string }>({ admin: broker.admin(), serde, source: (g) => broker.source(g, { maxBatch: 2 }) }, { topic: 'items', from, groupId: `find-${groups++}`, match: (v) => v.id === id });
  return { broker, serde, find };
}

describe('findRecord', () => {
  it('finds a record at or after the marks of its partition', async () => {
    const { find } = await setup();

    expect(await find(new Map([[0, '3'], [1, '0']]), 'a3')).toBe(true);
    expect(await find(new Map([[0, '3'], [1, '0']]), 'b0')).toBe(true);
    expect(await find(new Map(), 'a4')).toBe(true);
  });

  it('does not find a record before the mark of its partition, nor one that does not exist', async () => {
    const { find } = await setup();

    expect(await find(new Map([[0, '3'], [1, '0']]), 'a2')).toBe(false);
    expect(await find(new Map([[0, '0'], [1, '0']]), 'c1')).toBe(false);
  });

  it('answers false at once when every partition ends at its mark', async () => {
    const { find } = await setup();

    expect(await find(new Map([[0, '5'], [1, '5']]), 'a1')).toBe(false);
  });
});
