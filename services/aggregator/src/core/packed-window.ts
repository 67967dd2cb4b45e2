// The statistics of one (model, version, slice, window) folded from one chunk, in packed form: the
// sums of the window layout in one Float64Array, min / max and growable quantile-sketch bucket
// stores per numeric statistic, and the few string-keyed counts (labels, confusion cells).
import type { WindowId } from './keys.ts';
import type { WindowLayout } from './window-layout.ts';

/** Dense bucket counts of one side of a sketch: indices lo … hi are in use (none while hi < lo). */
export interface BucketStore {
  /** Bucket index of counts[0]. */
  base: number;
  counts: Float64Array;
  lo: number;
  hi: number;
}

export interface PackedWindow {
  readonly id: WindowId;
  readonly layout: WindowLayout;
  readonly sums: Float64Array;
  /** Per numeric statistic; +Infinity / -Infinity while it has no value. */
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly pos: readonly BucketStore[];
  readonly neg: readonly BucketStore[];
  readonly predictedLabels: Map<string, number>;
  readonly labels: Map<string, number>;
  /** `<predicted>|<actual>` → count (classifiers). */
  readonly confusion: Map<string, number>;
}

const emptyStore = (): BucketStore => ({ base: 0, counts: new Float64Array(0), lo: 0, hi: -1 });

export function createPackedWindow(id: WindowId, layout: WindowLayout): PackedWindow {
  const n = layout.numeric.length;
  return {
    id,
    layout,
    sums: new Float64Array(layout.size),
    min: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
    max: new Float64Array(n).fill(Number.NEGATIVE_INFINITY),
    pos: Array.from({ length: n }, emptyStore),
    neg: Array.from({ length: n }, emptyStore),
    predictedLabels: new Map(),
    labels: new Map(),
    confusion: new Map(),
  };
}

/** Makes room for indices lo … hi, keeping the counts where they are. */
function reserve(store: BucketStore, lo: number, hi: number): void {
  if (lo >= store.base && hi < store.base + store.counts.length) return;
  const span = hi - lo + 1;
  const counts = new Float64Array(Math.max(256, 2 * span));
  const base = lo - ((counts.length - span) >> 1);
  if (store.hi >= store.lo) counts.set(store.counts.subarray(store.lo - store.base, store.hi - store.base + 1), store.lo - base);
  store.counts = counts;
  store.base = base;
}

/**
 * Adds one to bucket `index`, keeping at most `maxBins` buckets: as @driftline/stats' sketch does,
 * buckets below hi − maxBins + 1 fold into the lowest kept one.
 */
export function addToBucket(store: BucketStore, index: number, maxBins: number): void {
  if (store.hi < store.lo) {
    reserve(store, index, index);
    store.lo = index;
    store.hi = index;
  } else if (index > store.hi) {
    reserve(store, store.lo, index);
    store.hi = index;
    const keep = index - maxBins + 1;
    if (keep > store.lo) {
      let folded = 0;
      for (let i = store.lo; i <= keep; i++) { folded += store.counts[i - store.base] ?? 0; store.counts[i - store.base] = 0; }
      store.counts[keep - store.base] = folded;
      store.lo = keep;
    }
  } else if (index < store.lo) {
    const target = Math.max(index, store.hi - maxBins + 1);
    reserve(store, target, store.hi);
    store.lo = target;
    store.counts[target - store.base] = (store.counts[target - store.base] ?? 0) + 1;
    return;
  }
  store.counts[index - store.base] = (store.counts[index - store.base] ?? 0) + 1;
}

/** Adds the counts of `src` to `dst`, keeping at most `maxBins` buckets (lowest folded, as when recording). */
function addBuckets(dst: BucketStore, src: BucketStore, maxBins: number): void {
  if (src.hi < src.lo) return;
  const lo = dst.hi < dst.lo ? src.lo : Math.min(dst.lo, src.lo);
  const hi = dst.hi < dst.lo ? src.hi : Math.max(dst.hi, src.hi);
  reserve(dst, lo, hi);
  for (let i = src.lo; i <= src.hi; i++) dst.counts[i - dst.base] = (dst.counts[i - dst.base] ?? 0) + (src.counts[i - src.base] ?? 0);
  dst.lo = Math.max(lo, hi - maxBins + 1);
  dst.hi = hi;
  for (let i = lo; i < dst.lo; i++) {
    dst.counts[dst.lo - dst.base] = (dst.counts[dst.lo - dst.base] ?? 0) + (dst.counts[i - dst.base] ?? 0);
    dst.counts[i - dst.base] = 0;
  }
}

/** Adds `src` into `dst` (same layout): sums, min / max, sketch buckets and label counts. */
export function addPackedWindow(dst: PackedWindow, src: PackedWindow): void {
  const sums = dst.sums;
  src.sums.forEach((v, i) => { if (v !== 0) sums[i] = (sums[i] ?? 0) + v; });
  dst.layout.numeric.forEach((slot, i) => {
    const min = src.min[i] ?? Number.POSITIVE_INFINITY;
    const max = src.max[i] ?? Number.NEGATIVE_INFINITY;
    if (min < (dst.min[i] ?? Number.POSITIVE_INFINITY)) dst.min[i] = min;
    if (max > (dst.max[i] ?? Number.NEGATIVE_INFINITY)) dst.max[i] = max;
    const [dp, sp, dn, sn] = [dst.pos[i], src.pos[i], dst.neg[i], src.neg[i]];
    if (dp !== undefined && sp !== undefined) addBuckets(dp, sp, slot.maxBins);
    if (dn !== undefined && sn !== undefined) addBuckets(dn, sn, slot.maxBins);
  });
  for (const [k, v] of src.predictedLabels) dst.predictedLabels.set(k, (dst.predictedLabels.get(k) ?? 0) + v);
  for (const [k, v] of src.labels) dst.labels.set(k, (dst.labels.get(k) ?? 0) + v);
  for (const [k, v] of src.confusion) dst.confusion.set(k, (dst.confusion.get(k) ?? 0) + v);
}

/** The used buckets: `values[i]` counts bucket `offset + i` (a view, not a copy). */
export function toBucketRange(store: BucketStore): { offset: number; values: Float64Array } | undefined {
  return store.hi < store.lo ? undefined : { offset: store.lo, values: store.counts.subarray(store.lo - store.base, store.hi - store.base + 1) };
}

export function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
