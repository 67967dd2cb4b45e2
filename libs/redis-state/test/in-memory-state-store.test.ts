import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { InMemoryStateStore } from '@driftline/redis-state';
import type { WatermarkedUpdate } from '@driftline/redis-state';

const update = (offset: number, by: number, field = 'predictions:0'): WatermarkedUpdate =>
  ({ watermarkKey: 'wm', watermarkField: field, offset, increments: [{ key: 'agg:w1', field: 'count', by }] });

describe('InMemoryStateStore', () => {
  it('applies a first update and records its offset', async () => {
    const store = new InMemoryStateStore();

    expect(await store.applyWithWatermark(update(0, 2))).toBe(true);
    expect(await store.getHash('agg:w1')).toEqual({ count: 2 });
    expect(await store.getWatermark('wm', 'predictions:0')).toBe(0);
  });

  it('adds up increments of rising offsets', async () => {
    const store = new InMemoryStateStore();

    await store.applyWithWatermark(update(1, 2));
    await store.applyWithWatermark(update(2, 3));

    expect(await store.getHash('agg:w1')).toEqual({ count: 5 });
  });

  it.each([
    ['the same offset', 4],
    ['a lower offset', 1],
  ])('ignores a replay of %s', async (_what, replayed) => {
    const store = new InMemoryStateStore();
    await store.applyWithWatermark(update(4, 2));

    expect(await store.applyWithWatermark(update(replayed, 100))).toBe(false);
    expect(await store.getHash('agg:w1')).toEqual({ count: 2 });
    expect(await store.getWatermark('wm', 'predictions:0')).toBe(4);
  });

  it('deletes the keys under a prefix only', async () => {
    const store = new InMemoryStateStore();
    await store.applyWithWatermark({ watermarkKey: 'wm', watermarkField: 'p:0', offset: 1, increments: [{ key: 'subj:a:1', field: 'n', by: 1 }, { key: 'subj:a:2', field: 'n', by: 1 }, { key: 'subj:ab', field: 'n', by: 1 }] });

    expect(await store.deleteByPrefix('subj:a:')).toBe(2);
    expect(await store.getHash('subj:a:1')).toEqual({});
    expect(await store.getHash('subj:ab')).toEqual({ n: 1 });
  });

  test.prop([fc.array(fc.record({ partition: fc.integer({ min: 0, max: 2 }), offset: fc.integer({ min: 0, max: 20 }), by: fc.integer({ min: -5, max: 5 }) }), { maxLength: 40 })])(
    'matches a model that applies an update only when its offset exceeds the partition\'s watermark',
    async (updates) => {
      const store = new InMemoryStateStore();
      const watermarks = new Map<number, number>();
      let expected = 0;

      for (const u of updates) {
        const applied = await store.applyWithWatermark(update(u.offset, u.by, `predictions:${u.partition}`));
        const current = watermarks.get(u.partition);
        const shouldApply = current === undefined || u.offset > current;
        expect(applied).toBe(shouldApply);
        if (shouldApply) { watermarks.set(u.partition, u.offset); expected += u.by; }
      }

      expect((await store.getHash('agg:w1'))['count'] ?? 0).toBe(expected);
      for (const [partition, offset] of watermarks) expect(await store.getWatermark('wm', `predictions:${partition}`)).toBe(offset);
    },
  );
});
