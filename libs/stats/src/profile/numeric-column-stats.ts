import type { ExtremaState } from '../accumulators/extrema.ts';
import type { CountsState } from '../accumulators/counts.ts';
import { histogramCellOf } from '../accumulators/histogram.ts';
import type { HistogramState } from '../accumulators/histogram.ts';
import { recordHash } from '../accumulators/hyperloglog.ts';
import type { HyperLogLogState } from '../accumulators/hyperloglog.ts';
import type { MomentsState } from '../accumulators/moments.ts';
import { recordQuantileInBucket, toQuantileBucket } from '../accumulators/quantile-sketch.ts';
import type { QuantileSketchState } from '../accumulators/quantile-sketch.ts';
import { recordSmallDomain } from '../accumulators/small-domain.ts';
import type { SmallDomainState } from '../accumulators/small-domain.ts';
import { hashNumber } from '../hash/murmur3.ts';
import { mergeQualityCounts } from '../quality/quality-counts.ts';
import type { QualityCountsState } from '../quality/quality-counts.ts';
import type { NumericColumn } from './profile-columns.ts';

/** What one numeric feature of a profile gathers from columns in pass 1 (pass 2: the histogram). */
export interface NumericColumnStats {
  readonly kind: 'numeric';
  readonly quality: QualityCountsState;
  /** The spec's allowed range (±Infinity when open). */
  readonly min: number;
  readonly max: number;
  /** Absent for personal data (quality counts only). */
  readonly values:
    | {
        readonly sketch: QuantileSketchState;
        readonly distinct: HyperLogLogState;
        readonly counts: CountsState;
        readonly moments: MomentsState;
        readonly extrema: ExtremaState;
        readonly domain: SmallDomainState;
      }
    | undefined;
  /** Set when pass 2 starts (see {@link startNumericHistogram}). */
  histogram: HistogramState | undefined;
  search: HistogramSearch | undefined;
}

/**
 * Where to start looking for a value's histogram cell: a grid of equal slots over [first, last]
 * edge, each holding the cell of its lower end. A value's slot gives a cell one or two steps from
 * the right one at most (usually the right one); a short walk along the edges makes it exact.
 */
interface HistogramSearch {
  readonly edges: Float64Array;
  readonly first: number;
  readonly last: number;
  readonly scale: number;
  readonly slots: Int32Array;
}

const searchSlots = 1024;

/** Buckets and hashes of the integers 0 … memoSize − 1, computed once each (same functions, same results). */
const memoSize = 1 << 16;
const memoBuckets = new Int32Array(memoSize);
const memoHashes = new Uint32Array(memoSize);
const memoKnown = new Uint8Array(memoSize);
let memoAlpha = Number.NaN;

/** Fills the column's buckets and hashes of rows up to `end` (exclusive) for sketches at `alpha`. */
function deriveColumn(column: NumericColumn, alpha: number, end: number): void {
  if (column.derivedAlpha !== alpha) {
    column.derived = 0;
    column.derivedAlpha = alpha;
  }
  if (memoAlpha !== alpha) {
    memoKnown.fill(0);
    memoAlpha = alpha;
  }
  const { values, buckets, hashes } = column;
  for (let r = column.derived; r < end; r += 1) {
    const x = values[r] ?? Number.NaN;
    if (!Number.isFinite(x)) continue;
    if (x >= 0 && x < memoSize && Math.floor(x) === x) {
      if (memoKnown[x] === 0) {
        memoBuckets[x] = toQuantileBucket(alpha, x);
        memoHashes[x] = hashNumber(x);
        memoKnown[x] = 1;
      }
      buckets[r] = memoBuckets[x] ?? 0;
      hashes[r] = memoHashes[x] ?? 0;
    } else {
      buckets[r] = toQuantileBucket(alpha, x);
      hashes[r] = hashNumber(x);
    }
  }
  if (end > column.derived) column.derived = end;
}

/**
 * Pass 1 over `count` rows (indexes in `rows`, ascending) of a numeric column: the verdicts of the
 * quality check, and for finite values the sketch, the distinct counter and the window-shaped
 * counts, moments, extrema and small domain. The same values in the same order, with the same
 * arithmetic, as the row-based builder records them in its two passes, so the results are identical.
 */
export function recordNumericColumn(stats: NumericColumnStats, column: NumericColumn, rows: Int32Array, count: number): void {
  const { values, wrongType, buckets, hashes } = column;
  const { min, max } = stats;
  const v = stats.values;
  if (v !== undefined && count > 0) deriveColumn(column, v.sketch.alpha, (rows[count - 1] ?? 0) + 1);
  let ok = 0;
  let missing = 0;
  let wrong = 0;
  let outOfRange = 0;
  let finite = 0;
  // Welford's update and the extrema in locals (the same operations as recordMoments/recordExtrema).
  let n = v?.moments.n ?? 0;
  let mean = v?.moments.mean ?? 0;
  let m2 = v?.moments.m2 ?? 0;
  let seen = v?.extrema.n ?? 0;
  let low = v?.extrema.min ?? 0;
  let high = v?.extrema.max ?? 0;
  for (let i = 0; i < count; i += 1) {
    const row = rows[i] ?? 0;
    const x = values[row] ?? Number.NaN;
    if (Number.isNaN(x)) {
      if (wrongType[row] === 1) wrong += 1;
      else missing += 1;
      continue;
    }
    if (!Number.isFinite(x)) {
      outOfRange += 1;
      continue;
    }
    if (x < min || x > max) outOfRange += 1;
    else ok += 1;
    if (v === undefined) continue;
    finite += 1;
    recordQuantileInBucket(v.sketch, x, buckets[row] ?? 0);
    recordHash(v.distinct, hashes[row] ?? 0);
    n += 1;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
    const value = x === 0 ? 0 : x;
    if (seen === 0) {
      low = value;
      high = value;
    } else if (value < low) low = value;
    else if (value > high) high = value;
    seen += 1;
    if (!v.domain.saturated) recordSmallDomain(v.domain, x);
  }
  Object.assign(stats.quality, mergeQualityCounts(stats.quality, { total: count, ok, missing, wrongType: wrong, outOfRange, unseenCategory: 0 }));
  if (v === undefined) return;
  v.counts.count += finite;
  v.counts.missing += count - finite;
  Object.assign(v.moments, { n, mean, m2 });
  Object.assign(v.extrema, { n: seen, min: low, max: high });
}

/** Starts pass 2 on `histogram` (its edges are fixed): builds the search grid. */
export function startNumericHistogram(stats: NumericColumnStats, histogram: HistogramState): void {
  stats.histogram = histogram;
  const edges = Float64Array.from(histogram.edges);
  const first = edges[0] ?? 0;
  const last = edges[edges.length - 1] ?? 0;
  const scale = searchSlots / (last - first);
  const slots = new Int32Array(searchSlots);
  if (Number.isFinite(scale) && scale > 0) {
    for (let g = 0; g < searchSlots; g += 1) slots[g] = Math.min(edges.length - 1, histogramCellOf(histogram.edges, first + g / scale));
  } else slots.fill(1);
  stats.search = { edges, first, last, scale: Number.isFinite(scale) && scale > 0 ? scale : 0, slots };
}

/**
 * Pass 2: counts the finite values of the rows in the histogram on the reference edges, in the
 * cells `histogramCellOf` gives: below the first edge, above the last, on the last (closed), else
 * cell i + 1 for edges[i] ≤ x < edges[i + 1].
 */
export function recordNumericHistogram(stats: NumericColumnStats, values: Float64Array, rows: Int32Array, count: number): void {
  const histogram = stats.histogram;
  const search = stats.search;
  if (histogram === undefined || search === undefined) return;
  const counts = histogram.counts;
  const { edges, first, last, scale, slots } = search;
  const k = edges.length - 1;
  for (let i = 0; i < count; i += 1) {
    const x = values[rows[i] ?? 0] ?? Number.NaN;
    if (!Number.isFinite(x)) continue;
    let cell: number;
    if (x < first) cell = 0;
    else if (x > last) cell = k + 1;
    else if (x === last) cell = k;
    else {
      cell = slots[Math.min(searchSlots - 1, Math.floor((x - first) * scale))] ?? 1;
      while (cell < k && (edges[cell] ?? Infinity) <= x) cell += 1;
      while (cell > 1 && (edges[cell - 1] ?? -Infinity) > x) cell -= 1;
    }
    counts[cell] = (counts[cell] ?? 0) + 1;
  }
}
