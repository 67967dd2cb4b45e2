import { histogramCellOf } from '../accumulators/histogram.ts';
import { toQuantileSketchPoints } from '../accumulators/quantile-sketch.ts';
import type { CategoricalFeatureStats, NumericFeatureStats } from '../profile/feature-stats.ts';

/** Histogram cells of both sides over the same bins. */
export interface AlignedCells {
  readonly reference: readonly number[];
  readonly current: readonly number[];
  /** True when the cells were rebuilt from the quantile sketches (the edges differed). */
  readonly rebinned: boolean;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Cells of `edges` (underflow, interior bins, overflow) filled from a quantile sketch's buckets. */
function sketchCells(stats: NumericFeatureStats, edges: readonly number[]): number[] {
  const out = new Array<number>(edges.length + 1).fill(0);
  const points = toQuantileSketchPoints(stats.sketch);
  points.values.forEach((v, i) => {
    const cell = histogramCellOf(edges, v);
    out[cell] = (out[cell] ?? 0) + (points.weights[i] ?? 0);
  });
  return out;
}

/**
 * The histogram cells of two numeric statistics over the same bins. With equal edges these are the
 * histograms themselves. Otherwise (e.g. a slice's window, shaped like the overall reference,
 * against the slice's own reference profile) both quantile sketches are re-binned onto the
 * reference's edges: each bucket's count goes to the cell of its representative value, so a value
 * within relative α of an edge may land in the neighbouring cell, on both sides alike.
 */
export function toAlignedCells(reference: NumericFeatureStats, current: NumericFeatureStats): AlignedCells {
  if (sameNumbers(reference.histogram.edges, current.histogram.edges)) {
    return { reference: reference.histogram.counts, current: current.histogram.counts, rebinned: false };
  }
  const edges = reference.histogram.edges;
  return { reference: sketchCells(reference, edges), current: sketchCells(current, edges), rebinned: true };
}

function coarsen(stats: CategoricalFeatureStats, shared: readonly string[]): CategoricalFeatureStats {
  const index = new Map(shared.map((c, i) => [c, i]));
  const counts = new Array<number>(shared.length + 1).fill(0);
  const { categories, counts: cells } = stats.categories;
  cells.forEach((n, i) => {
    const name = categories[i];
    const cell = name === undefined ? shared.length : (index.get(name) ?? shared.length);
    counts[cell] = (counts[cell] ?? 0) + n;
  });
  return { kind: 'categorical', counts: { ...stats.counts }, categories: { categories: shared, counts } };
}

/**
 * Two categorical statistics over one vocabulary. With the same vocabulary they are returned as
 * they are. Otherwise both keep the categories they share (in the reference's order) and every
 * other category goes to "other" on both sides: a category one side names but the other only
 * counts as "other" could otherwise look new (share 0 on one side) when it is not.
 */
export function toAlignedCategoryStats(
  reference: CategoricalFeatureStats,
  current: CategoricalFeatureStats,
): { readonly reference: CategoricalFeatureStats; readonly current: CategoricalFeatureStats } {
  const a = reference.categories.categories;
  const b = current.categories.categories;
  if (a.length === b.length && a.every((c, i) => c === b[i])) return { reference, current };
  const inCurrent = new Set(b);
  const shared = a.filter((c) => inCurrent.has(c));
  return { reference: coarsen(reference, shared), current: coarsen(current, shared) };
}
