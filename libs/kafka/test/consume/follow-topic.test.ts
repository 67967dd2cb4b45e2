import { describe, expect, it } from 'vitest';
import { InMemoryBroker, followTopic } from '../../src/index.ts';
import type { InboundMessage } from '../../src/index.ts';

const waitFor = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('followTopic', () => {
  it('resolves once the records published before the call are handed over, then keeps following', async () => {
    const broker = new InMemoryBroker();
    broker.createTopic('table', 2);
    const publisher = broker.publisher();
    await publisher.publish([{ topic: 'table', key: 'a', value: Buffer.from('1'), partition: 0 }, { topic: 'table', key: 'b', value: Buffer.from('2'), partition: 1 }, { topic: 'table', key: 'a', value: null, partition: 0 }]);
    const seen: InboundMessage[] = [];
    const source = broker.source('g');

    await followTopic({ source, admin: broker.admin() }, { topic: 'table', onMessage: (m) => { seen.push(m); } });

    expect(seen.map((m) => [m.key?.toString(), m.value?.toString() ?? null])).toEqual(expect.arrayContaining([['a', '1'], ['b', '2'], ['a', null]]));
    expect(seen).toHaveLength(3);
    await publisher.publish([{ topic: 'table', key: 'c', value: Buffer.from('3'), partition: 1 }]);
    await waitFor(() => seen.length === 4);
    expect(seen.at(-1)?.key?.toString()).toBe('c');
    await source.stop();
  });

  it('waits for every partition\'s end, or for the given silence when an end never comes', async () => {
    const broker = new InMemoryBroker();
    broker.createTopic('table', 1);
    await broker.publisher().publish([{ topic: 'table', key: 'a', value: Buffer.from('1') }]);
    // The end says two records, but the second was deleted: its offset is never delivered.
    const admin = { endOffsets: () => Promise.resolve(new Map([[0, '2']])) };
    const waiting = broker.source('g1');
    let resolved = false;
    void followTopic({ source: waiting, admin }, { topic: 'table', onMessage: () => undefined }).then(() => { resolved = true; });
    await new Promise((r) => setTimeout(r, 150));
    expect(resolved).toBe(false);
    await waiting.stop();
    await waitFor(() => resolved); // a stopped source ends the wait
    expect(resolved).toBe(true);

    const started = Date.now();
    const idle = broker.source('g2');
    await followTopic({ source: idle, admin }, { topic: 'table', onMessage: () => undefined, idleMs: 100 });
    expect(Date.now() - started).toBeLessThan(2000);
    await idle.stop();
  });
});
