import { describe, expect, it } from 'vitest';
import { toCategoricalFromCounts } from '../../src/profile/categorical-from-counts.ts';

describe('toCategoricalFromCounts', () => {
  it('uses the sorted keys by default', () => {
    expect(toCategoricalFromCounts({ b: 2, a: 1 })).toEqual({
      kind: 'categorical', counts: { count: 3, missing: 0 }, categories: { categories: ['a', 'b'], counts: [1, 2, 0] },
    });
  });

  it('puts keys outside the vocabulary in "other"', () => {
    const s = toCategoricalFromCounts({ approve: 5, decline: 3, __other__: 2 }, ['approve', 'decline']);
    expect(s.categories.counts).toEqual([5, 3, 2]);
    expect(s.counts.count).toBe(10);
  });
});
