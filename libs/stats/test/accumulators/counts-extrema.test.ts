import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createCounts, diffCounts, mergeCounts, recordCount } from '../../src/accumulators/counts.ts';
import { createExtrema, mergeExtrema, recordExtrema } from '../../src/accumulators/extrema.ts';

const flags = fc.array(fc.boolean(), { maxLength: 50 });
const nums = fc.array(fc.double({ noNaN: true }), { maxLength: 50 });

describe('counts', () => {
  it.prop([flags, flags, flags])('merge is associative and commutative; diff undoes it', (a, b, c) => {
    const fold = (xs: boolean[]) => {
      const s = createCounts();
      for (const x of xs) recordCount(s, x);
      return s;
    };
    const [sa, sb, sc] = [fold(a), fold(b), fold(c)];
    expect(mergeCounts(mergeCounts(sa, sb), sc)).toEqual(mergeCounts(sa, mergeCounts(sb, sc)));
    expect(mergeCounts(sa, sb)).toEqual(mergeCounts(sb, sa));
    expect(diffCounts(sa, mergeCounts(sa, sb))).toEqual(sb);
    expect(mergeCounts(sa, sb).missing).toBe([...a, ...b].filter(Boolean).length);
  });

  it('rejects a negative diff', () => {
    expect(() => diffCounts({ count: 2, missing: 0 }, { count: 1, missing: 0 })).toThrow(/not contained/);
  });
});

describe('extrema', () => {
  it.prop([nums, nums, nums])('merge is associative and equals min/max of all values', (a, b, c) => {
    const fold = (xs: number[]) => {
      const s = createExtrema();
      for (const x of xs) recordExtrema(s, x);
      return s;
    };
    const left = mergeExtrema(mergeExtrema(fold(a), fold(b)), fold(c));
    expect(left).toEqual(mergeExtrema(fold(a), mergeExtrema(fold(b), fold(c))));
    const all = [...a, ...b, ...c];
    expect(left.n).toBe(all.length);
    if (all.length > 0) {
      // −0 is recorded as 0; === treats them as equal.
      expect(left.min === Math.min(...all)).toBe(true);
      expect(left.max === Math.max(...all)).toBe(true);
    }
  });

  it('does not depend on the order of -0 and 0 (regression: seed -2003714037)', () => {
    const a = createExtrema();
    recordExtrema(a, -0);
    recordExtrema(a, 0);
    const b = createExtrema();
    recordExtrema(b, 0);
    recordExtrema(b, -0);
    expect(a).toEqual(b);
    expect(Object.is(a.min, 0)).toBe(true);
  });

  it('rejects NaN', () => {
    expect(() => { recordExtrema(createExtrema(), Number.NaN); }).toThrow(/NaN/);
  });
});
