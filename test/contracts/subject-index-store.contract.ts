// The SubjectIndexStore contract (style rule 25): one behavioural suite for the in-memory fake and
// the Redis adapter. Each case uses its own pseudonyms and request ids, so it can share a Redis.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { SubjectIndexStore } from '@driftline/redis-state';
import { waitFor } from '../support/wait-for.ts';

/** `create(ttls)` returns a store with these lifetimes; the suite closes it. */
export function describeSubjectIndexStoreContract(name: string, create: (ttls: { ttlMs: number; orphanTtlMs: number }) => Promise<SubjectIndexStore>): void {
  describe(`SubjectIndexStore contract: ${name}`, () => {
    async function setup(ttls = { ttlMs: 60_000, orphanTtlMs: 60_000 }): Promise<{ store: SubjectIndexStore; id: (n: number) => string; subject: (n: number) => string }> {
      const store = await create(ttls);
      onTestFinished(() => store.close());
      const ns = randomUUID();
      return { store, id: (n) => `${ns}-r${n}`, subject: (n) => `ps1_${ns}-s${n}` };
    }
    const at = (partition: number, offset: number, eventTime = 1000): { partition: number; offset: string; eventTime: number } => ({ partition, offset: String(offset), eventTime });

    it('indexes a subject\'s records by request id and role, the latest location winning', async () => {
      const { store, id, subject } = await setup();

      await store.record([
        { role: 'predictions', requestId: id(1), pseudonym: subject(1), location: at(0, 5) },
        { role: 'predictions', requestId: id(2), pseudonym: subject(1), location: at(1, 7) },
        { role: 'predictions', requestId: id(3), pseudonym: subject(2), location: at(0, 6) },
        { role: 'predictions', requestId: id(1), pseudonym: subject(1), location: at(0, 9, 2000) },
      ]);

      expect(await store.lookup(subject(1))).toEqual(new Map([[id(1), new Map([['predictions', at(0, 9, 2000)]])], [id(2), new Map([['predictions', at(1, 7)]])]]));
      expect([...(await store.lookup(subject(2))).keys()]).toEqual([id(3)]);
      expect(await store.lookup(subject(3))).toEqual(new Map());
    });

    it('attaches a record that carries only a request id to its subject, whichever arrives first', async () => {
      const { store, id, subject } = await setup();

      await store.record([{ role: 'labels', requestId: id(1), location: at(2, 1) }]);
      await store.record([{ role: 'predictions', requestId: id(1), pseudonym: subject(1), location: at(0, 3) }]);
      await store.record([{ role: 'predictions', requestId: id(2), pseudonym: subject(1), location: at(1, 4) }, { role: 'dead-letters', requestId: id(2), location: at(0, 8) }]);
      await store.record([{ role: 'labels', requestId: id(9), location: at(2, 2) }]);

      expect(await store.lookup(subject(1))).toEqual(new Map([
        [id(1), new Map([['labels', at(2, 1)], ['predictions', at(0, 3)]])],
        [id(2), new Map([['predictions', at(1, 4)], ['dead-letters', at(0, 8)]])],
      ]));
    });

    it('forgets a subject and its request ids', async () => {
      const { store, id, subject } = await setup();
      await store.record([{ role: 'predictions', requestId: id(1), pseudonym: subject(1), location: at(0, 3) }, { role: 'labels', requestId: id(1), location: at(0, 4) }]);

      const deleted = await store.forget(subject(1), [id(1)]);
      await store.record([{ role: 'labels', requestId: id(1), location: at(0, 5) }]);

      expect(deleted).toBe(2);
      expect(await store.lookup(subject(1))).toEqual(new Map());
    });

    it('drops an orphan after its lifetime', async () => {
      const { store, id, subject } = await setup({ ttlMs: 60_000, orphanTtlMs: 200 });
      await store.record([{ role: 'labels', requestId: id(1), location: at(0, 1) }]);

      await new Promise((r) => setTimeout(r, 400));
      await store.record([{ role: 'predictions', requestId: id(1), pseudonym: subject(1), location: at(0, 2) }]);

      expect(await store.lookup(subject(1))).toEqual(new Map([[id(1), new Map([['predictions', at(0, 2)]])]]));
    });

    it('remembers guards and handled requests for their lifetime', async () => {
      const { store, id } = await setup();

      await store.guard([id(1), id(2)], 300);
      await store.markHandled(id(5), 300);

      expect(await store.guarded([id(1), id(3)])).toEqual(new Set([id(1)]));
      expect(await store.wasHandled(id(5))).toBe(true);
      expect(await store.wasHandled(id(6))).toBe(false);
      await waitFor(async () => (await store.guarded([id(1)])).size === 0 && !(await store.wasHandled(id(5))), { what: 'the marks to expire', timeoutMs: 5000, intervalMs: 50 });
    });
  });
}
