import { describe, expect, it } from 'vitest';
import { createCoMoments, mergeCoMoments, recordCoMoments, toPearson } from '../../src/accumulators/co-moments.ts';

function pearsonOf(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] ?? 0;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('co-moments', () => {
  const xs = Array.from({ length: 200 }, (_, i) => 30_000 + ((i * 37) % 101) * 400);
  const ys = xs.map((x, i) => x / 100_000 + ((i * 13) % 17) / 40);

  it('gives the two-pass Pearson correlation, also after a merge', () => {
    const a = createCoMoments();
    const b = createCoMoments();
    xs.forEach((x, i) => { recordCoMoments(i < 70 ? a : b, x, ys[i] ?? 0); });
    expect(toPearson(mergeCoMoments(a, b))).toBeCloseTo(pearsonOf(xs, ys), 9);
  });

  it('skips non-finite pairs and is undefined for a constant side or under three pairs', () => {
    const s = createCoMoments();
    recordCoMoments(s, Number.NaN, 1);
    recordCoMoments(s, 1, 2);
    recordCoMoments(s, 2, 2);
    expect(s.n).toBe(2);
    expect(toPearson(s)).toBeUndefined();
    recordCoMoments(s, 3, 2);
    expect(toPearson(s)).toBeUndefined();
  });
});
