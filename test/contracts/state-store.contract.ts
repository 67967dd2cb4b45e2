// The StateStore contract (style rule 25): one behavioural suite for every adapter
// (InMemoryStateStore here; RedisStateStore from the integration project). Every case works under
// its own key namespace `${prefix}${randomUUID()}:`, so it can run against a shared Redis.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { StateStore, WatermarkedUpdate } from '@driftline/redis-state';

export function describeStateStoreContract(name: string, create: () => Promise<{ store: StateStore; prefix: string }>): void {
  describe(`StateStore contract: ${name}`, () => {
    async function setup(): Promise<{ store: StateStore; ns: string; update: (offset: number, increments: WatermarkedUpdate['increments'], field?: string) => WatermarkedUpdate }> {
      const { store, prefix } = await create();
      const ns = `${prefix}${randomUUID()}:`;
      onTestFinished(async () => {
        await store.deleteByPrefix(ns);
        await store.close();
      });
      const update = (offset: number, increments: WatermarkedUpdate['increments'], field = 'predictions:0'): WatermarkedUpdate =>
        ({ watermarkKey: `${ns}wm`, watermarkField: field, offset, increments });
      return { store, ns, update };
    }

    it('applies the increments of a first update and records its offset as the watermark', async () => {
      const { store, ns, update } = await setup();

      const applied = await store.applyWithWatermark(update(0, [{ key: `${ns}w1`, field: 'count', by: 3 }, { key: `${ns}w1`, field: 'sum', by: 12 }]));

      expect(applied).toBe(true);
      expect(await store.getHash(`${ns}w1`)).toEqual({ count: 3, sum: 12 });
      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBe(0);
    });

    it('adds up increments across updates with rising offsets', async () => {
      const { store, ns, update } = await setup();

      await store.applyWithWatermark(update(5, [{ key: `${ns}w1`, field: 'count', by: 2 }]));
      await store.applyWithWatermark(update(6, [{ key: `${ns}w1`, field: 'count', by: 3 }, { key: `${ns}w2`, field: 'count', by: -1 }]));
      await store.applyWithWatermark(update(9, [{ key: `${ns}w1`, field: 'count', by: 4 }]));

      expect(await store.getHash(`${ns}w1`)).toEqual({ count: 9 });
      expect(await store.getHash(`${ns}w2`)).toEqual({ count: -1 });
      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBe(9);
    });

    it('adds fractional increments', async () => {
      const { store, ns, update } = await setup();

      await store.applyWithWatermark(update(1, [{ key: `${ns}w1`, field: 'sum', by: 0.25 }]));
      await store.applyWithWatermark(update(2, [{ key: `${ns}w1`, field: 'sum', by: 1.5 }]));

      expect((await store.getHash(`${ns}w1`))['sum']).toBeCloseTo(1.75, 10);
    });

    it('treats a replay of the same offset as a no-op', async () => {
      const { store, ns, update } = await setup();
      await store.applyWithWatermark(update(7, [{ key: `${ns}w1`, field: 'count', by: 1 }]));

      const applied = await store.applyWithWatermark(update(7, [{ key: `${ns}w1`, field: 'count', by: 1 }]));

      expect(applied).toBe(false);
      expect(await store.getHash(`${ns}w1`)).toEqual({ count: 1 });
      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBe(7);
    });

    it('treats an update with a lower offset as a no-op and keeps the watermark', async () => {
      const { store, ns, update } = await setup();
      await store.applyWithWatermark(update(10, [{ key: `${ns}w1`, field: 'count', by: 1 }]));

      const applied = await store.applyWithWatermark(update(3, [{ key: `${ns}w1`, field: 'count', by: 100 }, { key: `${ns}w2`, field: 'count', by: 100 }]));

      expect(applied).toBe(false);
      expect(await store.getHash(`${ns}w1`)).toEqual({ count: 1 });
      expect(await store.getHash(`${ns}w2`)).toEqual({});
      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBe(10);
    });

    it('keeps one watermark per field, independent of the others', async () => {
      const { store, ns, update } = await setup();
      await store.applyWithWatermark(update(50, [{ key: `${ns}w1`, field: 'count', by: 1 }], 'predictions:0'));

      const applied = await store.applyWithWatermark(update(2, [{ key: `${ns}w1`, field: 'count', by: 1 }], 'predictions:1'));

      expect(applied).toBe(true);
      expect(await store.getHash(`${ns}w1`)).toEqual({ count: 2 });
      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBe(50);
      expect(await store.getWatermark(`${ns}wm`, 'predictions:1')).toBe(2);
    });

    it('moves the watermark for an update without increments', async () => {
      const { store, ns, update } = await setup();

      expect(await store.applyWithWatermark(update(4, []))).toBe(true);
      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBe(4);
    });

    it('reports no watermark and an empty hash for keys never written', async () => {
      const { store, ns } = await setup();

      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBeUndefined();
      expect(await store.getHash(`${ns}nothing`)).toEqual({});
    });

    it('applies concurrent updates of distinct offsets exactly once each', async () => {
      const { store, ns, update } = await setup();

      const applied = await Promise.all([1, 2, 3, 3, 2, 1].map((offset) => store.applyWithWatermark(update(offset, [{ key: `${ns}w1`, field: 'count', by: 1 }]))));

      const count = (await store.getHash(`${ns}w1`))['count'];
      expect(count).toBe(applied.filter(Boolean).length);
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(3);
      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBe(3);
    });

    it('deletes every key under a prefix, and only those, returning how many', async () => {
      const { store, ns, update } = await setup();
      await store.applyWithWatermark(update(1, [{ key: `${ns}subject:a:1`, field: 'n', by: 1 }, { key: `${ns}subject:a:2`, field: 'n', by: 1 }, { key: `${ns}subject:b:1`, field: 'n', by: 1 }]));

      const deleted = await store.deleteByPrefix(`${ns}subject:a:`);

      expect(deleted).toBe(2);
      expect(await store.getHash(`${ns}subject:a:1`)).toEqual({});
      expect(await store.getHash(`${ns}subject:a:2`)).toEqual({});
      expect(await store.getHash(`${ns}subject:b:1`)).toEqual({ n: 1 });
      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBe(1);
    });

    it('treats glob characters in a prefix literally', async () => {
      const { store, ns, update } = await setup();
      await store.applyWithWatermark(update(1, [{ key: `${ns}g*[1]:x`, field: 'n', by: 1 }, { key: `${ns}gz1:x`, field: 'n', by: 1 }]));

      const deleted = await store.deleteByPrefix(`${ns}g*[1]`);

      expect(deleted).toBe(1);
      expect(await store.getHash(`${ns}gz1:x`)).toEqual({ n: 1 });
    });

    it('deletes nothing under a prefix with no keys', async () => {
      const { store, ns } = await setup();

      expect(await store.deleteByPrefix(`${ns}empty:`)).toBe(0);
    });

    it('answers a ping', async () => {
      const { store } = await setup();

      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('keeps the largest and smallest value with max and min ops, whatever the order', async () => {
      const { store, ns, update } = await setup();

      await store.applyWithWatermark(update(1, [{ key: `${ns}w`, field: 'max', by: 5, op: 'max' }, { key: `${ns}w`, field: 'min', by: 5, op: 'min' }]));
      await store.applyWithWatermark(update(2, [{ key: `${ns}w`, field: 'max', by: -3, op: 'max' }, { key: `${ns}w`, field: 'min', by: -3, op: 'min' }]));
      await store.applyWithWatermark(update(3, [{ key: `${ns}w`, field: 'max', by: 9.5, op: 'max' }, { key: `${ns}w`, field: 'min', by: 2, op: 'min' }]));

      expect(await store.getHash(`${ns}w`)).toEqual({ max: 9.5, min: -3 });
    });

    it('sets watermark extras and index entries with the update, and not on a replay', async () => {
      const { store, ns, update } = await setup();
      const first = { ...update(4, []), watermarkExtras: { 'predictions:0:ts': 1000 }, index: [{ key: `${ns}idx`, member: 'a', score: 20 }, { key: `${ns}idx`, member: 'b', score: 10 }] };
      const replay = { ...update(4, []), watermarkExtras: { 'predictions:0:ts': 1 }, index: [{ key: `${ns}idx`, member: 'c', score: 15 }] };

      await store.applyWithWatermark(first);
      await store.applyWithWatermark(replay);

      expect(await store.getWatermark(`${ns}wm`, 'predictions:0:ts')).toBe(1000);
      expect(await store.rangeIndex(`${ns}idx`, 0, 100)).toEqual(['b', 'a']);
      expect(await store.rangeIndex(`${ns}idx`, 15, 100)).toEqual(['a']);
    });

    it('applies a guarded update only while the guard key holds its value', async () => {
      const { store, ns, update } = await setup();
      const epoch = await store.ensureValue(`${ns}epoch`, 'e1');
      const again = await store.ensureValue(`${ns}epoch`, 'e2');

      const applied = await store.applyWithWatermark({ ...update(1, [{ key: `${ns}w`, field: 'n', by: 1 }]), guard: { key: `${ns}epoch`, value: 'e1' } });
      const refused = await store.applyWithWatermark({ ...update(2, [{ key: `${ns}w`, field: 'n', by: 1 }]), guard: { key: `${ns}epoch`, value: 'other' } }).then(() => 'applied', (e: unknown) => (e as { code?: string }).code);

      expect([epoch, again, applied, refused]).toEqual(['e1', 'e1', true, 'DL_STATE_LOST']);
      expect(await store.getHash(`${ns}w`)).toEqual({ n: 1 });
      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBe(1);
    });

    it('refuses, without a change, an update whose first offset is already covered by the watermark', async () => {
      const { store, ns, update } = await setup();
      await store.applyWithWatermark(update(5, [{ key: `${ns}w`, field: 'n', by: 1 }]));

      const overlap = await store.applyWithWatermark({ ...update(9, [{ key: `${ns}w`, field: 'n', by: 100 }]), fromOffset: 4 }).then(() => 'applied', (e: unknown) => [(e as { code?: string }).code, (e as { retriable?: boolean }).retriable]);
      const next = await store.applyWithWatermark({ ...update(9, [{ key: `${ns}w`, field: 'n', by: 10 }]), fromOffset: 6 });

      expect(overlap).toEqual(['DL_STATE_WATERMARK_CONFLICT', true]);
      expect(next).toBe(true);
      expect(await store.getHash(`${ns}w`)).toEqual({ n: 11 });
    });

    it('adds vectors element-wise over the union of their ranges, next to number fields', async () => {
      const { store, ns, update } = await setup();

      await store.applyWithWatermark({ ...update(1, [{ key: `${ns}w`, field: 'n', by: 2 }]), vectors: [{ key: `${ns}w`, field: 'v', offset: 2, values: [1, 2] }] });
      await store.applyWithWatermark({ ...update(2, []), vectors: [{ key: `${ns}w`, field: 'v', offset: -1, values: new Float64Array([10, 0, 0, 5]) }] });
      await store.applyWithWatermark({ ...update(3, []), vectors: [{ key: `${ns}w`, field: 'v', offset: 0, values: [0.25] }, { key: `${ns}w`, field: 'u', offset: 0, values: [] }] });
      await store.applyWithWatermark({ ...update(3, []), vectors: [{ key: `${ns}w`, field: 'v', offset: 0, values: [100] }] }); // replay

      const fields = await store.getHashFields(`${ns}w`);
      expect(fields.numbers).toEqual({ n: 2 });
      expect(Object.keys(fields.vectors).sort()).toEqual(['u', 'v']);
      expect([fields.vectors['v']?.offset, [...(fields.vectors['v']?.values ?? [])]]).toEqual([-1, [10, 0.25, 0, 6, 2]]);
      expect(await store.getHash(`${ns}w`)).toEqual({ n: 2 });
    });

    it('adds up many vector updates of shifting ranges, on several keys', async () => {
      const { store, ns, update } = await setup();
      const expected = new Map<string, number>();
      const delta = (i: number): { offset: number; values: number[] } => ({ offset: (i % 7) - 3, values: Array.from({ length: 1 + (i % 5) }, (_, j) => i * 10 + j) });

      for (let i = 1; i <= 25; i++) {
        const { offset, values } = delta(i);
        values.forEach((v, j) => expected.set(`${i % 2}:${offset + j}`, (expected.get(`${i % 2}:${offset + j}`) ?? 0) + v));
        await store.applyWithWatermark({ ...update(i, [{ key: `${ns}w${i % 2}`, field: 'n', by: 1 }]), vectors: [{ key: `${ns}w${i % 2}`, field: 'v', offset, values }] });
      }

      for (const k of [0, 1]) {
        const fields = await store.getHashFields(`${ns}w${k}`);
        const v = fields.vectors['v'];
        const got = new Map([...(v?.values ?? [])].map((x, j) => [`${k}:${(v?.offset ?? 0) + j}`, x] as const).filter(([, x]) => x !== 0));
        expect(got).toEqual(new Map([...expected].filter(([key]) => key.startsWith(`${k}:`))));
        expect(fields.numbers).toEqual({ n: k === 0 ? 12 : 13 });
        expect(Object.keys(fields.vectors)).toEqual(['v']);
      }
    });

    it('keeps vectors of thousands of elements exact', async () => {
      const { store, ns, update } = await setup();
      const values = Float64Array.from({ length: 9001 }, (_, i) => i / 7 - 300);

      await store.applyWithWatermark({ ...update(1, []), vectors: [{ key: `${ns}w`, field: 'v', offset: 5, values }] });
      await store.applyWithWatermark({ ...update(2, []), vectors: [{ key: `${ns}w`, field: 'v', offset: 0, values }] });

      const stored = (await store.getHashFields(`${ns}w`)).vectors['v'];
      const expected = Array.from({ length: 9006 }, (_, i) => (i >= 5 ? (values[i - 5] ?? 0) : 0) + (i < 9001 ? (values[i] ?? 0) : 0));
      expect(stored?.offset).toBe(0);
      expect([...(stored?.values ?? [])]).toEqual(expected);
    });

    it('refuses, without any change, an update that adds a vector to a number or a number to a vector', async () => {
      const { store, ns, update } = await setup();
      await store.applyWithWatermark({ ...update(1, [{ key: `${ns}w`, field: 'n', by: 1 }]), vectors: [{ key: `${ns}w`, field: 'v', offset: 0, values: [1] }] });

      const vectorOnNumber = await store.applyWithWatermark({ ...update(2, [{ key: `${ns}other`, field: 'n', by: 5 }]), vectors: [{ key: `${ns}w`, field: 'n', offset: 0, values: [1] }] }).then(() => 'applied', () => 'refused');
      const numberOnVector = await store.applyWithWatermark(update(3, [{ key: `${ns}other`, field: 'n', by: 5 }, { key: `${ns}w`, field: 'v', by: 1 }])).then(() => 'applied', () => 'refused');

      expect([vectorOnNumber, numberOnVector]).toEqual(['refused', 'refused']);
      expect(await store.getHash(`${ns}other`)).toEqual({});
      expect(await store.getHash(`${ns}w`)).toEqual({ n: 1 });
      expect(await store.getWatermark(`${ns}wm`, 'predictions:0')).toBe(1);
    });

    it('admits members up to the cap, and always re-admits a member it holds', async () => {
      const { store, ns } = await setup();

      const results = [
        await store.admitMember(`${ns}set`, 'eu', 2), await store.admitMember(`${ns}set`, 'us', 2),
        await store.admitMember(`${ns}set`, 'apac', 2), await store.admitMember(`${ns}set`, 'eu', 2),
      ];

      expect(results).toEqual([true, true, false, true]);
    });
  });
}
