import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  createQuantileSketch, diffQuantileSketches, mergeQuantileSketches, recordQuantile, toQuantile, toQuantileSketchPoints,
} from '../../src/accumulators/quantile-sketch.ts';
import type { QuantileSketchState } from '../../src/accumulators/quantile-sketch.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

const alpha = 0.01;
// Magnitudes in [1e-6, 1e6] (or 0) span ln(1e12)/ln(γ) ≈ 1382 < maxBins buckets, where the bound holds.
const values = fc.array(
  fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-6),
    fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    fc.constantFrom(0, -0, 1, -1),
  ),
  { minLength: 1, maxLength: 200 },
);

function fold(xs: readonly number[], maxBins?: number): QuantileSketchState {
  const s = createQuantileSketch(maxBins === undefined ? { alpha } : { alpha, maxBins });
  for (const x of xs) recordQuantile(s, x);
  return s;
}

function exactQuantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] ?? Number.NaN;
}

const qs = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1];

describe('quantile sketch (DDSketch-style)', () => {
  it.prop([values])('every quantile is within relative error alpha of the exact one', (xs) => {
    const s = fold(xs);
    for (const q of qs) {
      const exact = exactQuantile(xs, q);
      const est = toQuantile(s, q);
      expect(Math.abs(est - exact)).toBeLessThanOrEqual(alpha * Math.abs(exact) * (1 + 1e-12));
    }
  });

  it('keeps the bound on a heavy-tailed sample of 100 000 values', () => {
    // Deterministic log-normal-like values from a fixed linear congruential sequence.
    let seed = 12345;
    const xs: number[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      xs.push(Math.exp(8 * (seed / 2147483648) - 2));
    }
    const s = fold(xs);
    for (const q of qs) expect(Math.abs(toQuantile(s, q) / exactQuantile(xs, q) - 1)).toBeLessThanOrEqual(alpha + 1e-12);
    expect(s.pos.counts.length).toBeLessThan(500);
  });

  it.prop([values, values, values])('merge is exactly associative and commutative', (a, b, c) => {
    const [sa, sb, sc] = [fold(a), fold(b), fold(c)];
    expect(mergeQuantileSketches(mergeQuantileSketches(sa, sb), sc)).toEqual(mergeQuantileSketches(sa, mergeQuantileSketches(sb, sc)));
    expect(mergeQuantileSketches(sa, sb)).toEqual(mergeQuantileSketches(sb, sa));
  });

  it.prop([values, values])('merging equals recording everything, also when buckets collapse', (a, b) => {
    const strip = (s: QuantileSketchState) => ({ ...toQuantileSketchPoints(s), count: s.count, min: s.min, max: s.max });
    expect(strip(mergeQuantileSketches(fold(a), fold(b)))).toEqual(strip(fold([...a, ...b])));
    expect(strip(mergeQuantileSketches(fold(a, 16), fold(b, 16)))).toEqual(strip(fold([...a, ...b], 16)));
  });

  it.prop([values, values])('diff undoes merge (bucket counts)', (a, b) => {
    const prev = fold(a);
    const d = diffQuantileSketches(prev, mergeQuantileSketches(prev, fold(b)));
    expect(d.count).toBe(b.length);
    expect(toQuantileSketchPoints(d).weights.reduce((x, y) => x + y, 0)).toBe(b.length);
  });

  it('does not depend on the order of -0 and 0 (regression: seed -2052230969)', () => {
    expect(mergeQuantileSketches(fold([-0]), fold([0]))).toEqual(fold([-0, 0]));
  });

  it('loses the bound only where buckets collapse (regression: seed -2023876825)', () => {
    // 2^-1022 and 1e-3 are 2.7e4 buckets apart: the smallest value folds into the lowest kept one.
    const s = fold([2.2250738585072014e-308, 0.001, 0]);
    expect(Math.abs(toQuantile(s, 1) / 0.001 - 1)).toBeLessThanOrEqual(alpha);
    expect(toQuantile(s, 0.5)).toBeGreaterThan(2.2250738585072014e-308);
  });

  it('collapses the values nearest zero when the range exceeds maxBins', () => {
    const s = fold([1e-9, 1, 1e9], 16);
    expect(s.pos.counts.length).toBe(16);
    expect(toQuantile(s, 1)).toBe(1e9);
  });

  it('rejects bad options, non-finite values and empty quantiles', () => {
    expect(() => createQuantileSketch({ alpha: 1 })).toThrow(/alpha/);
    expect(() => { recordQuantile(createQuantileSketch(), Number.POSITIVE_INFINITY); }).toThrow(/finite/);
    expectStatsError(() => toQuantile(createQuantileSketch(), 0.5), 'DL_STATS_EMPTY_SAMPLE');
    expect(() => mergeQuantileSketches(createQuantileSketch({ alpha: 0.01 }), createQuantileSketch({ alpha: 0.02 }))).toThrow(/alpha/);
  });
});
