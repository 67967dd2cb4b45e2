import { StatsError, assertArgument, statsErrorCodes } from '../errors.ts';
import { subtractCells, sumCells } from './cells.ts';

/**
 * Counts on fixed bin edges e_0 < e_1 < … < e_k (k ≥ 1). `counts` has k + 2 cells:
 * `counts[0]` is the underflow bin (x < e_0), `counts[i]` for 1 ≤ i ≤ k is [e_{i−1}, e_i) with the
 * last interior bin closed, [e_{k−1}, e_k] (NumPy's rule), and `counts[k + 1]` is the overflow bin
 * (x > e_k). Plain data; JSON as is.
 */
export interface HistogramState {
  readonly edges: readonly number[];
  counts: number[];
}

/** Checks edges are finite and strictly increasing (at least two). */
export function assertEdges(edges: readonly number[]): void {
  assertArgument(edges.length >= 2, 'histogram: at least two edges are needed');
  for (let i = 0; i < edges.length; i += 1) {
    const e = edges[i] ?? Number.NaN;
    assertArgument(Number.isFinite(e), 'histogram: edges must be finite');
    if (i > 0) assertArgument(e > (edges[i - 1] ?? e), 'histogram: edges must strictly increase');
  }
}

/** An empty histogram on `edges` (copied). Throws `DL_STATS_INVALID_ARGUMENT` on bad edges. */
export function createHistogram(edges: readonly number[]): HistogramState {
  assertEdges(edges);
  return { edges: [...edges], counts: new Array<number>(edges.length + 1).fill(0) };
}

/** Index in `counts` of the cell that holds `value` (see {@link HistogramState}). */
export function histogramCellOf(edges: readonly number[], value: number): number {
  const k = edges.length - 1;
  const first = edges[0] ?? 0;
  const last = edges[k] ?? 0;
  if (value < first) return 0;
  if (value > last) return k + 1;
  if (value === last) return k;
  // Largest i with edges[i] <= value, then cell i + 1.
  let lo = 0;
  let hi = k;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] ?? 0) <= value) lo = mid;
    else hi = mid;
  }
  return lo + 1;
}

/** Mutates `state`: adds `weight` (default 1) to the cell of `value`. NaN is rejected. */
export function recordHistogram(state: HistogramState, value: number, weight = 1): void {
  assertArgument(!Number.isNaN(value), 'recordHistogram: NaN is a missing value, not a number');
  const cell = histogramCellOf(state.edges, value);
  state.counts[cell] = (state.counts[cell] ?? 0) + weight;
}

function assertSameEdges(a: HistogramState, b: HistogramState): void {
  const same = a.edges.length === b.edges.length && a.edges.every((e, i) => e === b.edges[i]);
  if (!same) {
    throw new StatsError(statsErrorCodes.incompatibleState, 'histogram: bin edges differ', {
      context: { a: a.edges.length, b: b.edges.length },
    });
  }
}

/** Cell-wise sum. Both sides must share edges (`DL_STATS_INCOMPATIBLE_STATE`). */
export function mergeHistograms(a: HistogramState, b: HistogramState): HistogramState {
  assertSameEdges(a, b);
  return { edges: a.edges, counts: sumCells(a.counts, b.counts) };
}

/** Cell-wise `cur − prev`; throws `DL_STATS_NEGATIVE_COUNT` if a cell would go negative. */
export function diffHistograms(prev: HistogramState, cur: HistogramState): HistogramState {
  assertSameEdges(prev, cur);
  return { edges: cur.edges, counts: subtractCells(prev.counts, cur.counts, 'diffHistograms') };
}

/** Total weight in all cells, overflow bins included. */
export function histogramTotal(state: HistogramState): number {
  let total = 0;
  for (const c of state.counts) total += c;
  return total;
}
