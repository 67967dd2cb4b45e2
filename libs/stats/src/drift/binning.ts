import { StatsError, statsErrorCodes } from '../errors.ts';
import { histogramCellOf } from '../accumulators/histogram.ts';
import { toCountsOver, toTotalCount, toUnionKeys } from './value-counts.ts';
import type { ValueCounts } from './value-counts.ts';

/**
 * Bin edges of NumPy's `histogram_bin_edges(x, 'sturges')` for n values spanning [min, max]:
 * ⌈range / (range / (log2 n + 1))⌉ equal-width bins (one bin over [x − 0.5, x + 0.5] when
 * min = max), edge i computed as `min + i·step` like `np.linspace`, the last edge set to max.
 */
export function toSturgesEdges(min: number, max: number, n: number): number[] {
  if (n < 1) throw new StatsError(statsErrorCodes.emptySample, 'toSturgesEdges: no values');
  if (min === max) return [min - 0.5, max + 0.5];
  const width = (max - min) / (Math.log2(n) + 1);
  const bins = Math.ceil((max - min) / width);
  const step = (max - min) / bins;
  const edges: number[] = [];
  for (let i = 0; i < bins; i += 1) edges.push(i * step + min);
  edges.push(max);
  return edges;
}

/** Weighted counts in the interior bins of `edges` (NumPy semantics; values outside dropped). */
export function toBinCounts(sample: ValueCounts<number>, edges: readonly number[]): number[] {
  const out = new Array<number>(edges.length - 1).fill(0);
  sample.values.forEach((v, j) => {
    const cell = histogramCellOf(edges, v);
    if (cell >= 1 && cell < edges.length) out[cell - 1] = (out[cell - 1] ?? 0) + (sample.counts[j] ?? 0);
  });
  return out;
}

/** Smallest and largest of a non-empty list of values. */
export function toRange(values: readonly number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** Paired relative frequencies of reference and current over the same bins. */
export interface BinnedShares {
  readonly reference: number[];
  readonly current: number[];
}

/** One bin per distinct value of the union; shares relative to each sample's size. */
export function toCategoryShares<T extends string | number>(reference: ValueCounts<T>, current: ValueCounts<T>): BinnedShares {
  const keys = toUnionKeys(reference, current);
  const nr = toTotalCount(reference);
  const nc = toTotalCount(current);
  return {
    reference: toCountsOver(reference, keys).map((c) => c / nr),
    current: toCountsOver(current, keys).map((c) => c / nc),
  };
}

/**
 * Evidently's binning for PSI, KL and JS (`get_binned_data`): numerical features with more than 20
 * distinct reference values get Sturges edges on the concatenated samples; everything else gets one
 * bin per distinct value of the union.
 */
export function toEvidentlyShares(
  reference: ValueCounts<string | number>,
  current: ValueCounts<string | number>,
  numerical: boolean,
): BinnedShares {
  if (numerical && reference.values.length > 20) {
    const ref = reference as ValueCounts<number>;
    const cur = current as ValueCounts<number>;
    const [min, max] = toRange([...ref.values, ...cur.values]);
    const edges = toSturgesEdges(min, max, toTotalCount(ref) + toTotalCount(cur));
    const nr = toTotalCount(ref);
    const nc = toTotalCount(cur);
    return {
      reference: toBinCounts(ref, edges).map((c) => c / nr),
      current: toBinCounts(cur, edges).map((c) => c / nc),
    };
  }
  return toCategoryShares(reference, current);
}

/**
 * Evidently's ε rule for empty bins, applied to each side separately and without renormalising:
 * zeros become min(non-zero share)/10^6 when that minimum is ≤ 1e-4, else 1e-4.
 */
export function fillZeroShares(shares: readonly number[]): number[] {
  let min = Infinity;
  for (const s of shares) if (s !== 0 && s < min) min = s;
  const eps = min <= 1e-4 ? min / 1e6 : 1e-4;
  return shares.map((s) => (s === 0 ? eps : s));
}
