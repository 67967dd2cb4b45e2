import { StatsError, statsErrorCodes } from '../errors.ts';
import { histogramCellOf } from '../accumulators/histogram.ts';

/**
 * Bin edges by NumPy's `histogram_bin_edges(values, 'sturges')`: ⌈range / (range / (log2 n + 1))⌉
 * equal-width bins over [min, max] (one bin over [x − 0.5, x + 0.5] when min = max), each edge
 * computed as `start + i·step` like `np.linspace`.
 */
export function toSturgesEdges(values: readonly number[]): number[] {
  if (values.length === 0) throw new StatsError(statsErrorCodes.emptySample, 'toSturgesEdges: no values');
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [min - 0.5, max + 0.5];
  const width = (max - min) / (Math.log2(values.length) + 1);
  const bins = Math.ceil((max - min) / width);
  const step = (max - min) / bins;
  const edges: number[] = [];
  for (let i = 0; i < bins; i += 1) edges.push(i * step + min);
  edges.push(max);
  return edges;
}

/** Counts of `values` in the interior bins of `edges` (NumPy semantics; outside values dropped). */
export function toBinCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const v of values) {
    const cell = histogramCellOf(edges, v);
    if (cell >= 1 && cell < edges.length) counts[cell - 1] = (counts[cell - 1] ?? 0) + 1;
  }
  return counts;
}

/** Paired relative frequencies of reference and current over the same bins. */
export interface BinnedShares {
  readonly reference: number[];
  readonly current: number[];
}

/** Sorted union of the distinct values of both samples. */
export function toUnionKeys<T extends string | number>(reference: readonly T[], current: readonly T[]): T[] {
  return [...new Set([...reference, ...current])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function countsOf<T>(values: readonly T[], keys: readonly T[]): number[] {
  const index = new Map(keys.map((k, i) => [k, i]));
  const counts = new Array<number>(keys.length).fill(0);
  for (const v of values) {
    const i = index.get(v);
    if (i !== undefined) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** One bin per distinct value of the union; shares relative to each sample's size. */
export function toCategoryShares<T extends string | number>(reference: readonly T[], current: readonly T[]): BinnedShares {
  const keys = toUnionKeys(reference, current);
  return {
    reference: countsOf(reference, keys).map((c) => c / reference.length),
    current: countsOf(current, keys).map((c) => c / current.length),
  };
}

/**
 * Evidently's binning for PSI, KL and JS (`get_binned_data`): numerical features with more than 20
 * distinct reference values get Sturges edges on the concatenated samples; everything else gets one
 * bin per distinct value of the union.
 */
export function toEvidentlyShares(
  reference: readonly (string | number)[],
  current: readonly (string | number)[],
  numerical: boolean,
): BinnedShares {
  if (reference.length === 0 || current.length === 0) {
    throw new StatsError(statsErrorCodes.emptySample, 'toEvidentlyShares: empty sample');
  }
  if (numerical && new Set(reference).size > 20) {
    const ref = reference as readonly number[];
    const cur = current as readonly number[];
    const edges = toSturgesEdges([...ref, ...cur]);
    return {
      reference: toBinCounts(ref, edges).map((c) => c / ref.length),
      current: toBinCounts(cur, edges).map((c) => c / cur.length),
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
