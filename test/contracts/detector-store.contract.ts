// The DetectorStore contract (style rule 25): one suite for InMemoryDetectorStore (unit project)
// and RedisDetectorStore (integration project). Each case uses its own namespace under `prefix`.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DetectorStore, EventClaim } from '@driftline/redis-state';

export function describeDetectorStoreContract(name: string, create: () => { store: DetectorStore; prefix: string; cleanup: (ns: string) => Promise<void> }): void {
  describe(`DetectorStore contract: ${name}`, () => {
    const setup = (): { store: DetectorStore; ns: string; claim: (over: Partial<EventClaim>) => EventClaim; done: () => Promise<void> } => {
      const { store, prefix, cleanup } = create();
      const ns = `${prefix}${randomUUID()}:{m}:`;
      const claim = (over: Partial<EventClaim>): EventClaim => ({ scope: `${ns}s1`, eventId: 'e1', eventTime: 1_000_000, cooldownMs: 60_000, mark: '7', ttlMs: 60_000, ...over });
      return { store, ns, claim, done: async () => { await cleanup(ns); await store.close(); } };
    };

    it('keeps the checkpoint of the latest offset and refuses an older one', async () => {
      const { store, ns, done } = setup();
      try {
        expect(await store.loadCheckpoint(`${ns}cp`)).toBeUndefined();
        expect(await store.saveCheckpoint(`${ns}cp`, { offset: 10, state: '{"a":1}\nline' })).toBe(true);
        expect(await store.saveCheckpoint(`${ns}cp`, { offset: 4, state: 'old' })).toBe(false);
        expect(await store.saveCheckpoint(`${ns}cp`, { offset: 12, state: '{"a":2}' })).toBe(true);
        expect(await store.loadCheckpoint(`${ns}cp`)).toEqual({ offset: 12, state: '{"a":2}' });
      } finally { await done(); }
    });

    it('claims a first event, reports it pending until confirmed and done afterwards', async () => {
      const { store, claim, done } = setup();
      try {
        expect(await store.claimEvent(claim({}))).toEqual({ status: 'claimed' });
        expect(await store.claimEvent(claim({}))).toEqual({ status: 'pending', mark: '7' });
        expect(await store.confirmEvent(claim({}).scope, 'e1')).toBe(true);
        expect(await store.claimEvent(claim({}))).toEqual({ status: 'done' });
      } finally { await done(); }
    });

    it('suppresses another event of the scope within the cooldown (either side in event time) and claims one after it', async () => {
      const { store, claim, done } = setup();
      try {
        await store.claimEvent(claim({}));
        expect(await store.claimEvent(claim({ eventId: 'e2', eventTime: 1_000_000 + 59_999 }))).toEqual({ status: 'suppressed', by: 'e1' });
        expect(await store.claimEvent(claim({ eventId: 'e3', eventTime: 1_000_000 - 30_000 }))).toEqual({ status: 'suppressed', by: 'e1' });
        expect(await store.claimEvent(claim({ eventId: 'e4', eventTime: 1_000_000 + 60_000 }))).toEqual({ status: 'claimed' });
        expect(await store.confirmEvent(claim({}).scope, 'e1')).toBe(false);
      } finally { await done(); }
    });

    it('suppresses an event whose sibling scope holds a recent event, and ignores far ones', async () => {
      const { store, ns, claim, done } = setup();
      try {
        await store.claimEvent(claim({ scope: `${ns}slice`, eventId: 's1' }));
        expect(await store.claimEvent(claim({ scope: `${ns}overall`, eventId: 'o1', siblings: [`${ns}slice`, `${ns}other`] }))).toEqual({ status: 'suppressed', by: 's1' });
        expect(await store.claimEvent(claim({ scope: `${ns}overall`, eventId: 'o2', eventTime: 5_000_000, siblings: [`${ns}slice`] }))).toEqual({ status: 'claimed' });
      } finally { await done(); }
    });

    it('raises progress values and never lowers them', async () => {
      const { store, ns, done } = setup();
      try {
        expect(await store.getProgress(`${ns}p`, 'inputs')).toBeUndefined();
        expect(await store.advanceProgress(`${ns}p`, 'inputs', 300)).toBe(300);
        expect(await store.advanceProgress(`${ns}p`, 'inputs', 100)).toBe(300);
        expect(await store.getProgress(`${ns}p`, 'inputs')).toBe(300);
      } finally { await done(); }
    });
  });
}
