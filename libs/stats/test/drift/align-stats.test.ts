import { describe, expect, it } from 'vitest';
import { toAlignedCategoryStats, toAlignedCells } from '../../src/drift/align-stats.ts';
import { driftFromFeatureStats } from '../../src/drift/drift-from-stats.ts';
import type { CategoricalFeatureStats, NumericFeatureStats } from '../../src/profile/feature-stats.ts';
import { categoricalStats, decileEdges, numericStats } from '../support/feature-stats-from-sample.ts';

/** A deterministic sample: n values spread evenly over [lo, hi) with 1/3 of a step jitter. */
function spread(n: number, lo: number, hi: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((i * 7919) % n) * ((hi - lo) / n) + (i % 3) / 3);
}

describe('toAlignedCells', () => {
  it('returns the histograms themselves when the edges match', () => {
    const edges = [0, 10, 20];
    const ref = numericStats(spread(300, 0, 20), edges) as NumericFeatureStats;
    const cur = numericStats(spread(200, 5, 25), edges) as NumericFeatureStats;
    const aligned = toAlignedCells(ref, cur);
    expect(aligned.rebinned).toBe(false);
    expect(aligned.reference).toEqual(ref.histogram.counts);
    expect(aligned.current).toEqual(cur.histogram.counts);
  });

  it('re-bins both sketches onto the reference edges when the edges differ, keeping every count', () => {
    const sample = spread(2000, 100, 1100);
    const ref = numericStats(sample, decileEdges(sample)) as NumericFeatureStats;
    const cur = numericStats(sample, [0, 500, 2000]) as NumericFeatureStats;
    const aligned = toAlignedCells(ref, cur);
    expect(aligned.rebinned).toBe(true);
    expect(aligned.reference.length).toBe(ref.histogram.counts.length);
    expect(aligned.current.reduce((a, b) => a + b, 0)).toBe(2000);
    // Same sample on both sides: the re-binned cells agree with each other and, within the
    // sketch's α, with the exact histogram (a value near an edge may move one cell).
    expect(aligned.current).toEqual(aligned.reference);
    aligned.reference.forEach((c, i) => { expect(Math.abs(c - (ref.histogram.counts[i] ?? 0))).toBeLessThanOrEqual(40); });
  });

  it('lets binned statistics compare a window on other edges without inventing drift', () => {
    const refSample = spread(3000, 0, 1000);
    const curSample = spread(800, 0, 1000);
    const ref = numericStats(refSample, decileEdges(refSample));
    const stable = numericStats(curSample, [0, 250, 500, 750, 1000]);
    const shifted = numericStats(spread(800, 400, 1400), [0, 250, 500, 750, 1000]);
    expect(driftFromFeatureStats(ref, stable, { method: 'psi' }).drift).toBe(false);
    expect(driftFromFeatureStats(ref, shifted, { method: 'psi' }).drift).toBe(true);
  });
});

describe('toAlignedCategoryStats', () => {
  it('keeps the shared vocabulary and moves every other category to "other" on both sides', () => {
    const ref = categoricalStats(['a', 'a', 'b', 'c', 'x'], ['a', 'b', 'c']) as CategoricalFeatureStats;
    const cur = categoricalStats(['a', 'b', 'b', 'd', 'c'], ['b', 'a', 'd']) as CategoricalFeatureStats;
    const aligned = toAlignedCategoryStats(ref, cur);
    expect(aligned.reference.categories).toEqual({ categories: ['a', 'b'], counts: [2, 1, 2] });
    expect(aligned.current.categories).toEqual({ categories: ['a', 'b'], counts: [1, 2, 2] });
    expect(aligned.current.counts).toEqual(cur.counts);
  });

  it('returns equal vocabularies untouched', () => {
    const ref = categoricalStats(['a', 'b'], ['a', 'b']) as CategoricalFeatureStats;
    const cur = categoricalStats(['b'], ['a', 'b']) as CategoricalFeatureStats;
    const aligned = toAlignedCategoryStats(ref, cur);
    expect(aligned.reference).toBe(ref);
    expect(aligned.current).toBe(cur);
  });

  it('does not report a category as new because only one vocabulary names it', () => {
    const sample = Array.from({ length: 600 }, (_, i) => ['a', 'b', 'c', 'd'][i % 4] ?? 'a');
    const ref = categoricalStats(sample, ['a', 'b', 'c']);
    const cur = categoricalStats(sample.slice(0, 300), ['a', 'b', 'c', 'd']);
    const r = driftFromFeatureStats(ref, cur, { method: 'chisquare' });
    expect(r.score).toBeGreaterThan(0.5);
    expect(r.drift).toBe(false);
  });
});
