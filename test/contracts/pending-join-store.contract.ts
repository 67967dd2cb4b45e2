// The PendingJoinStore contract (style rule 25): one behavioural suite for the in-memory fake and
// the Redis adapter. Each case uses its own request ids and partitions, so it can share a Redis.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ClaimRequest, PendingEntry, PendingJoinStore } from '@driftline/redis-state';
import { waitFor } from '../support/wait-for.ts';

/** `create(ttlMs)` returns a store whose entries live `ttlMs`; the suite closes it. */
export function describePendingJoinStoreContract(name: string, create: (ttlMs: number) => Promise<PendingJoinStore>): void {
  describe(`PendingJoinStore contract: ${name}`, () => {
    async function setup(ttlMs = 60_000): Promise<{ store: PendingJoinStore; id: (n?: number) => string; partition: number }> {
      const store = await create(ttlMs);
      onTestFinished(() => store.close());
      const ns = randomUUID();
      return { store, id: (n = 0) => `${ns}-${n}`, partition: 1_000_000 + Math.floor(Math.random() * 1_000_000) };
    }
    const entry = (tag: string, eventTime = 1000): PendingEntry => ({ tag, eventTime, payload: `bytes of ${tag}` });
    const claimOf = (requestId: string, tag: string, expect: { p?: string; l?: string }): ClaimRequest =>
      ({ requestId, tag, kind: 'outcome', payload: `outcome by ${tag}`, expectPredictionTag: expect.p, expectLabelTag: expect.l });

    it('stores the first side and returns it; the second side sees both', async () => {
      const { store, id } = await setup();

      const [first] = await store.join([{ requestId: id(), side: 'prediction', entry: entry('p:0:1') }]);
      const [second] = await store.join([{ requestId: id(), side: 'label', entry: entry('l:0:7', 5000) }]);

      expect(first).toEqual({ prediction: entry('p:0:1') });
      expect(second).toEqual({ prediction: entry('p:0:1'), label: entry('l:0:7', 5000) });
    });

    it('keeps the first entry of a side (a duplicate is not stored)', async () => {
      const { store, id } = await setup();
      await store.join([{ requestId: id(), side: 'label', entry: entry('l:0:1') }]);

      const [state] = await store.join([{ requestId: id(), side: 'label', entry: entry('l:0:9') }]);

      expect(state).toEqual({ label: entry('l:0:1') });
    });

    it('applies the requests of one call in order', async () => {
      const { store, id } = await setup();

      const states = await store.join([
        { requestId: id(), side: 'prediction', entry: entry('p:0:1') },
        { requestId: id(1), side: 'label', entry: entry('l:0:1') },
        { requestId: id(), side: 'label', entry: entry('l:0:2') },
      ]);

      expect(states).toEqual([{ prediction: entry('p:0:1') }, { label: entry('l:0:1') }, { prediction: entry('p:0:1'), label: entry('l:0:2') }]);
    });

    it('claims a request id once, deletes its pending sides, and returns the claim to later claimers', async () => {
      const { store, id } = await setup();
      await store.join([{ requestId: id(), side: 'prediction', entry: entry('p:0:1') }, { requestId: id(), side: 'label', entry: entry('l:0:2') }]);

      const [won] = await store.claim([claimOf(id(), 'l:0:2', { p: 'p:0:1', l: 'l:0:2' })]);
      const [lost] = await store.claim([claimOf(id(), 'l:0:3', { p: 'p:0:1', l: 'l:0:2' })]);
      const [state] = await store.peek([id()]);

      const resolution = { tag: 'l:0:2', kind: 'outcome', payload: 'outcome by l:0:2', done: false };
      expect(won).toEqual({ status: 'claimed', resolution });
      expect(lost).toEqual({ status: 'exists', resolution });
      expect(state).toEqual({ resolution });
    });

    it('refuses a claim made from sides that changed since (stale)', async () => {
      const { store, id } = await setup();
      await store.join([{ requestId: id(), side: 'label', entry: entry('l:0:2') }]);

      const [stale] = await store.claim([claimOf(id(), 'l:0:2', { p: 'p:0:1', l: 'l:0:2' })]);
      const [absent] = await store.claim([claimOf(id(), 'l:0:2', { l: 'l:0:9' })]);

      expect(stale).toEqual({ status: 'stale' });
      expect(absent).toEqual({ status: 'stale' });
      expect(await store.peek([id()])).toEqual([{ label: entry('l:0:2') }]);
    });

    it('claims with one side only when the other is absent', async () => {
      const { store, id } = await setup();
      await store.join([{ requestId: id(), side: 'label', entry: entry('l:0:2') }]);

      const [claim] = await store.claim([{ ...claimOf(id(), 'sweep:0', { l: 'l:0:2' }), kind: 'DL_X' }]);

      expect(claim).toMatchObject({ status: 'claimed', resolution: { tag: 'sweep:0', kind: 'DL_X' } });
    });

    it('stores nothing for a resolved request id and returns the resolution', async () => {
      const { store, id } = await setup();
      await store.join([{ requestId: id(), side: 'label', entry: entry('l:0:2') }]);
      await store.claim([claimOf(id(), 'l:0:2', { l: 'l:0:2' })]);

      const [state] = await store.join([{ requestId: id(), side: 'prediction', entry: entry('p:0:5') }]);

      expect(state).toEqual({ resolution: { tag: 'l:0:2', kind: 'outcome', payload: 'outcome by l:0:2', done: false } });
      expect(await store.peek([id()])).toEqual([state]);
    });

    it('completes a resolution only for its claimer, dropping the payload and keeping tag and kind', async () => {
      const { store, id } = await setup();
      await store.join([{ requestId: id(), side: 'label', entry: entry('l:0:2') }]);
      await store.claim([claimOf(id(), 'l:0:2', { l: 'l:0:2' })]);

      const completed = await store.complete([{ requestId: id(), tag: 'l:0:9' }, { requestId: id(), tag: 'l:0:2' }, { requestId: id(1), tag: 'l:0:2' }]);

      expect(completed).toEqual([false, true, false]);
      expect(await store.peek([id()])).toEqual([{ resolution: { tag: 'l:0:2', kind: 'outcome', payload: '', done: true } }]);
    });

    it('lets exactly one of many concurrent claims win', async () => {
      const { store, id } = await setup();
      await store.join([{ requestId: id(), side: 'prediction', entry: entry('p:0:1') }, { requestId: id(), side: 'label', entry: entry('l:0:2') }]);

      const results = (await Promise.all(Array.from({ length: 8 }, (_, i) => store.claim([claimOf(id(), `t:${i}`, { p: 'p:0:1', l: 'l:0:2' })])))).flat();

      expect(results.filter((r) => r.status === 'claimed')).toHaveLength(1);
      expect(new Set(results.map((r) => (r.status === 'stale' ? 'stale' : r.resolution.tag))).size).toBe(1);
    });

    it('peeks without storing and reports an unknown request id as empty', async () => {
      const { store, id } = await setup();

      expect(await store.peek([id()])).toEqual([{}]);
      expect(await store.peek([])).toEqual([]);
    });

    it('raises the stream time of a partition and never lowers it', async () => {
      const { store, partition } = await setup();

      expect(await store.streamTime(partition)).toBeUndefined();
      expect(await store.advanceStreamTime(partition, 5000)).toBe(5000);
      expect(await store.advanceStreamTime(partition, 3000)).toBe(5000);
      expect(await store.advanceStreamTime(partition, 7000)).toBe(7000);
      expect(await store.streamTime(partition)).toBe(7000);
      expect(await store.streamTime(partition + 1)).toBeUndefined();
    });

    it('indexes waiting labels by event time and returns the due ones, oldest first, up to a limit', async () => {
      const { store, id, partition } = await setup();
      await store.indexWaitingLabels(partition, [{ requestId: id(3), eventTime: 300 }, { requestId: id(1), eventTime: 100 }, { requestId: id(2), eventTime: 200 }]);
      await store.indexWaitingLabels(partition, [{ requestId: id(1), eventTime: 100 }]);

      expect(await store.dueLabels(partition, 250, 10)).toEqual([id(1), id(2)]);
      expect(await store.dueLabels(partition, 1000, 2)).toEqual([id(1), id(2)]);
      expect(await store.countWaitingLabels(partition)).toBe(3);
      await store.unindexLabels(partition, [id(1), id(3)]);
      expect(await store.dueLabels(partition, 1000, 10)).toEqual([id(2)]);
      expect(await store.dueLabels(partition + 1, 1000, 10)).toEqual([]);
    });

    it('deletes everything it holds for a request id (erasure)', async () => {
      const { store, id } = await setup();
      await store.join([{ requestId: id(), side: 'prediction', entry: entry('p:0:1') }, { requestId: id(1), side: 'label', entry: entry('l:0:1') }]);
      await store.claim([claimOf(id(1), 'l:0:1', { l: 'l:0:1' })]);

      expect(await store.deleteByRequestId(id())).toBe(1);
      expect(await store.deleteByRequestId(id(1))).toBe(1);
      expect(await store.deleteByRequestId(id(2))).toBe(0);
      expect(await store.peek([id(), id(1)])).toEqual([{}, {}]);
    });

    it('forgets pending sides and resolutions after the TTL', async () => {
      const { store, id } = await setup(300);
      await store.join([{ requestId: id(), side: 'prediction', entry: entry('p:0:1') }, { requestId: id(1), side: 'label', entry: entry('l:0:1') }]);
      await store.claim([claimOf(id(1), 'l:0:1', { l: 'l:0:1' })]);

      await waitFor(async () => JSON.stringify(await store.peek([id(), id(1)])) === '[{},{}]' || undefined, { what: 'the entries to expire', timeoutMs: 5000, intervalMs: 50 });
    });

    it('answers a ping', async () => {
      const { store } = await setup();

      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
