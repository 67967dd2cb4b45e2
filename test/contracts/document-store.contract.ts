// The DocumentStore contract (style rule 25): one suite for InMemoryDocumentStore (unit project) and
// RedisDocumentStore (integration project). Each case works under its own namespace below `prefix`.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { isRetriable } from '@driftline/kafka';
import type { DocumentStore } from '@driftline/redis-state';

export function describeDocumentStoreContract(name: string, create: () => { store: DocumentStore; prefix: string }): void {
  describe(`DocumentStore contract: ${name}`, () => {
    const setup = (): { store: DocumentStore; ns: string } => {
      const { store, prefix } = create();
      const ns = `${prefix}${randomUUID()}:`;
      onTestFinished(async () => { await store.deleteByPrefix(ns); await store.close(); });
      return { store, ns };
    };

    it('creates documents at version 1 and adds one per commit', async () => {
      const { store, ns } = setup();

      await store.commit({ writes: [{ key: `${ns}a`, expectVersion: 0, body: '{"n":1}' }, { key: `${ns}b`, expectVersion: 0, body: 'b1' }] });
      await store.commit({ writes: [{ key: `${ns}a`, expectVersion: 1, body: '{"n":2}\nsecond line' }] });

      expect(await store.getDocuments([`${ns}a`, `${ns}missing`, `${ns}b`])).toEqual([{ version: 2, body: '{"n":2}\nsecond line' }, undefined, { version: 1, body: 'b1' }]);
      expect(await store.getDocuments([])).toEqual([]);
    });

    it('refuses a commit built on a stale version, changing nothing, with a retriable conflict', async () => {
      const { store, ns } = setup();
      await store.commit({ writes: [{ key: `${ns}a`, expectVersion: 0, body: 'v1' }] });

      const stale = store.commit({
        writes: [{ key: `${ns}b`, expectVersion: 0, body: 'new' }, { key: `${ns}a`, expectVersion: 0, body: 'lost update' }],
        watermark: { key: `${ns}wm`, field: 'drift-events:0', offset: 4 },
        outbox: [{ key: `${ns}out`, field: 'r1', value: 'x', leaseUntil: 0 }],
      });

      const error: unknown = await stale.then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'DL_STATE_DOCUMENT_CONFLICT', key: `${ns}a` });
      expect(isRetriable(error)).toBe(true);
      expect(await store.getDocuments([`${ns}a`, `${ns}b`])).toEqual([{ version: 1, body: 'v1' }, undefined]);
      expect(await store.getWatermark(`${ns}wm`, 'drift-events:0')).toBeUndefined();
      expect(await store.claimOutbox(`${ns}out`, { now: 10, leaseUntil: 20, limit: 10 })).toEqual([]);
    });

    it('moves the watermark with the documents and makes a replay of covered offsets a no-op', async () => {
      const { store, ns } = setup();
      const watermark = { key: `${ns}wm`, field: 'drift-events:3', offset: 9, fromOffset: 5 };

      expect(await store.commit({ writes: [{ key: `${ns}a`, expectVersion: 0, body: 'v1' }], watermark })).toBe('applied');
      expect(await store.commit({ writes: [{ key: `${ns}a`, expectVersion: 0, body: 'replay' }], watermark, outbox: [{ key: `${ns}out`, field: 'r', value: 'x', leaseUntil: 0 }] })).toBe('replayed');

      expect(await store.getWatermark(`${ns}wm`, 'drift-events:3')).toBe(9);
      expect(await store.getDocuments([`${ns}a`])).toEqual([{ version: 1, body: 'v1' }]);
      expect(await store.claimOutbox(`${ns}out`, { now: 10, leaseUntil: 20, limit: 10 })).toEqual([]);
    });

    it('refuses a commit whose offsets overlap the watermark (retriable) and leaves everything as it was', async () => {
      const { store, ns } = setup();
      await store.commit({ writes: [], watermark: { key: `${ns}wm`, field: 'p:0', offset: 7 } });

      const overlap = store.commit({ writes: [{ key: `${ns}a`, expectVersion: 0, body: 'x' }], watermark: { key: `${ns}wm`, field: 'p:0', offset: 12, fromOffset: 5 } });

      await expect(overlap).rejects.toMatchObject({ code: 'DL_STATE_WATERMARK_CONFLICT', stored: 7 });
      expect(await store.getDocuments([`${ns}a`])).toEqual([undefined]);
      expect(await store.commit({ writes: [{ key: `${ns}a`, expectVersion: 0, body: 'x' }], watermark: { key: `${ns}wm`, field: 'p:0', offset: 12, fromOffset: 8 } })).toBe('applied');
    });

    it('hands out outbox entries only once their lease has expired, one claimant per lease', async () => {
      const { store, ns } = setup();
      const outbox = `${ns}out`;
      await store.commit({ writes: [], outbox: [{ key: outbox, field: 'r1', value: 'one', leaseUntil: 1000 }, { key: outbox, field: 'r2', value: 'two', leaseUntil: 0 }] });

      const atStart = await store.claimOutbox(outbox, { now: 500, leaseUntil: 2000, limit: 10 });
      const again = await store.claimOutbox(outbox, { now: 600, leaseUntil: 2000, limit: 10 });
      const afterFirstLease = await store.claimOutbox(outbox, { now: 1000, leaseUntil: 3000, limit: 10 });
      const afterAll = await store.claimOutbox(outbox, { now: 3000, leaseUntil: 4000, limit: 1 });

      expect(atStart).toEqual([{ field: 'r2', value: 'two' }]);
      expect(again).toEqual([]);
      expect(afterFirstLease).toEqual([{ field: 'r1', value: 'one' }]);
      expect(afterAll).toHaveLength(1);
    });

    it('updates an entry in place, keeps its lease, and deletes it with its lease', async () => {
      const { store, ns } = setup();
      const outbox = `${ns}out`;
      await store.commit({ writes: [], outbox: [{ key: outbox, field: 'r1', value: 'v1', leaseUntil: 100 }] });

      await store.updateOutboxEntry(outbox, 'r1', 'v2');
      await store.updateOutboxEntry(outbox, 'gone', 'ignored');
      const leased = await store.claimOutbox(outbox, { now: 50, leaseUntil: 200, limit: 10 });
      const updated = await store.claimOutbox(outbox, { now: 100, leaseUntil: 200, limit: 10 });
      await store.deleteOutboxEntry(outbox, 'r1');
      const afterDelete = await store.claimOutbox(outbox, { now: 10_000, leaseUntil: 20_000, limit: 10 });

      expect(leased).toEqual([]);
      expect(updated).toEqual([{ field: 'r1', value: 'v2' }]);
      expect(afterDelete).toEqual([]);
    });

    it('deletes every key under a prefix', async () => {
      const { store, ns } = setup();
      await store.commit({ writes: [{ key: `${ns}a`, expectVersion: 0, body: 'x' }], watermark: { key: `${ns}wm`, field: 'p:0', offset: 1 }, outbox: [{ key: `${ns}out`, field: 'r', value: 'v', leaseUntil: 0 }] });

      expect(await store.deleteByPrefix(ns)).toBeGreaterThanOrEqual(3);

      expect(await store.getDocuments([`${ns}a`])).toEqual([undefined]);
      expect(await store.getWatermark(`${ns}wm`, 'p:0')).toBeUndefined();
      expect(await store.claimOutbox(`${ns}out`, { now: 1, leaseUntil: 2, limit: 10 })).toEqual([]);
    });
  });
}
