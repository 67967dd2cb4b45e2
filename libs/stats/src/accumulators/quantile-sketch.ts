import { StatsError, assertArgument, statsErrorCodes } from '../errors.ts';

/**
 * A DDSketch-style relative-error quantile sketch (Masson, Rim and Lee, VLDB 2019), written for
 * Driftline. A value x > 0 goes to bucket i = ⌈ln x / ln γ⌉ with γ = (1 + α)/(1 − α); the bucket
 * answers 2γ^i/(γ + 1), which is within relative error α of every value in (γ^{i−1}, γ^i].
 * Negative values use a mirrored store on |x|; |x| below 2^−1022 counts as zero.
 *
 * Bound: while every store spans at most `maxBins` buckets, `quantile(q)` is within relative
 * error α of the exact sorted value at rank ⌊q(n − 1)⌋. When a store needs more buckets, its lowest
 * indices (values nearest zero) are folded into the lowest kept bucket; only quantiles that fall
 * there lose the bound. Merge and diff add or subtract bucket counts, so merge is exactly
 * associative and commutative. Plain data; JSON as is.
 */
export interface QuantileSketchState {
  readonly alpha: number;
  readonly maxBins: number;
  count: number;
  /** Exact minimum and maximum (0 while count is 0). */
  min: number;
  max: number;
  zero: number;
  pos: BinStore;
  neg: BinStore;
}

/** Dense counts for bucket indices offset … offset + counts.length − 1. */
export interface BinStore {
  offset: number;
  counts: number[];
}

/** Options of {@link createQuantileSketch}. */
export interface QuantileSketchOptions {
  /** Relative accuracy α, 0 < α < 1; default 0.01. */
  readonly alpha?: number;
  /** Buckets kept per sign, default 2048 (covers a ratio of γ^2048 ≈ 6·10^17 at α = 0.01). */
  readonly maxBins?: number;
}

const minIndexable = 2.2250738585072014e-308;

/** An empty sketch. */
export function createQuantileSketch(options: QuantileSketchOptions = {}): QuantileSketchState {
  const alpha = options.alpha ?? 0.01;
  const maxBins = options.maxBins ?? 2048;
  assertArgument(alpha > 0 && alpha < 1, 'createQuantileSketch: alpha must be in (0, 1)');
  assertArgument(Number.isInteger(maxBins) && maxBins >= 16, 'createQuantileSketch: maxBins must be an integer ≥ 16');
  return {
    alpha, maxBins, count: 0, min: 0, max: 0, zero: 0,
    pos: { offset: 0, counts: [] },
    neg: { offset: 0, counts: [] },
  };
}

function lnGamma(alpha: number): number {
  return Math.log((1 + alpha) / (1 - alpha));
}

/** 1 / ln γ of the last α seen: sketches in a process almost always share one α (hot path). */
let cachedAlpha = Number.NaN;
let cachedInvLn = Number.NaN;

function invLnGamma(alpha: number): number {
  if (alpha !== cachedAlpha) {
    cachedInvLn = 1 / lnGamma(alpha);
    cachedAlpha = alpha;
  }
  return cachedInvLn;
}

/** Bucket index of a magnitude ≥ minIndexable. */
function indexOf(magnitude: number, invLn: number): number {
  return Math.ceil(Math.log(magnitude) * invLn);
}

/** Value a bucket answers. */
function valueOf(index: number, alpha: number): number {
  const gamma = (1 + alpha) / (1 - alpha);
  return (2 * Math.exp(index * lnGamma(alpha))) / (gamma + 1);
}

/** Keeps the window [hi − maxBins + 1, hi]; counts below fold into its lowest bucket. */
function collapse(store: BinStore, maxBins: number): void {
  const extra = store.counts.length - maxBins;
  if (extra <= 0) return;
  let folded = 0;
  for (let i = 0; i <= extra; i += 1) folded += store.counts[i] ?? 0;
  store.counts = store.counts.slice(extra);
  store.counts[0] = folded;
  store.offset += extra;
}

function addToStore(store: BinStore, index: number, weight: number, maxBins: number): void {
  const counts = store.counts;
  if (counts.length === 0) {
    store.offset = index;
    store.counts = [weight];
    return;
  }
  const hi = store.offset + counts.length - 1;
  if (index > hi) {
    for (let i = hi + 1; i < index; i += 1) counts.push(0);
    counts.push(weight);
    collapse(store, maxBins);
    return;
  }
  let target = Math.max(index, hi - maxBins + 1);
  if (target < store.offset) {
    const pad = new Array<number>(store.offset - target).fill(0);
    store.counts = pad.concat(counts);
    store.offset = target;
  }
  target -= store.offset;
  store.counts[target] = (store.counts[target] ?? 0) + weight;
}

/**
 * The bucket a finite value falls in at accuracy `alpha`: the index of |value| in its store
 * (0 for values that count as zero). {@link recordQuantileInBucket} takes it, so a value recorded
 * into several sketches is bucketed once.
 */
export function toQuantileBucket(alpha: number, value: number): number {
  const invLn = invLnGamma(alpha);
  if (value >= minIndexable) return indexOf(value, invLn);
  if (value <= -minIndexable) return indexOf(-value, invLn);
  return 0;
}

/** {@link recordQuantile} of a value whose bucket ({@link toQuantileBucket} at the sketch's alpha) is known. */
export function recordQuantileInBucket(sketch: QuantileSketchState, input: number, bucket: number, weight = 1): void {
  assertArgument(Number.isFinite(input), 'recordQuantile: value must be finite');
  const value = input === 0 ? 0 : input; // −0 is 0, so min/max do not depend on order
  if (sketch.count === 0) {
    sketch.min = value;
    sketch.max = value;
  } else if (value < sketch.min) sketch.min = value;
  else if (value > sketch.max) sketch.max = value;
  sketch.count += weight;
  if (value >= minIndexable) addToStore(sketch.pos, bucket, weight, sketch.maxBins);
  else if (value <= -minIndexable) addToStore(sketch.neg, bucket, weight, sketch.maxBins);
  else sketch.zero += weight;
}

/** Mutates `sketch` with one value (weight default 1). NaN and ±Infinity are rejected. */
export function recordQuantile(sketch: QuantileSketchState, input: number, weight = 1): void {
  recordQuantileInBucket(sketch, input, toQuantileBucket(sketch.alpha, input), weight);
}

function combineStores(a: BinStore, b: BinStore, sign: 1 | -1, maxBins: number): BinStore {
  if (a.counts.length === 0 && b.counts.length === 0) return { offset: 0, counts: [] };
  const lo = Math.min(...[a, b].filter((s) => s.counts.length > 0).map((s) => s.offset));
  const hi = Math.max(...[a, b].filter((s) => s.counts.length > 0).map((s) => s.offset + s.counts.length - 1));
  const counts = new Array<number>(hi - lo + 1).fill(0);
  a.counts.forEach((c, i) => { counts[a.offset - lo + i] = (counts[a.offset - lo + i] ?? 0) + c; });
  b.counts.forEach((c, i) => { counts[b.offset - lo + i] = (counts[b.offset - lo + i] ?? 0) + sign * c; });
  const out = { offset: lo, counts };
  collapse(out, maxBins);
  return out;
}

function assertCompatible(a: QuantileSketchState, b: QuantileSketchState): void {
  if (a.alpha !== b.alpha || a.maxBins !== b.maxBins) {
    throw new StatsError(statsErrorCodes.incompatibleState, 'quantile sketch: alpha or maxBins differ', {
      context: { alphaA: a.alpha, alphaB: b.alpha, maxBinsA: a.maxBins, maxBinsB: b.maxBins },
    });
  }
}

/** Bucket-wise sum (same alpha and maxBins required); exactly associative and commutative. */
export function mergeQuantileSketches(a: QuantileSketchState, b: QuantileSketchState): QuantileSketchState {
  assertCompatible(a, b);
  const empty = a.count === 0 ? b : b.count === 0 ? a : undefined;
  return {
    alpha: a.alpha,
    maxBins: a.maxBins,
    count: a.count + b.count,
    min: empty ? empty.min : Math.min(a.min, b.min),
    max: empty ? empty.max : Math.max(a.max, b.max),
    zero: a.zero + b.zero,
    pos: combineStores(a.pos, b.pos, 1, a.maxBins),
    neg: combineStores(a.neg, b.neg, 1, a.maxBins),
  };
}

function trim(store: BinStore): BinStore {
  let start = 0;
  let end = store.counts.length;
  while (start < end && store.counts[start] === 0) start += 1;
  while (end > start && store.counts[end - 1] === 0) end -= 1;
  return start === end ? { offset: 0, counts: [] } : { offset: store.offset + start, counts: store.counts.slice(start, end) };
}

/**
 * Bucket-wise `cur − prev`. min and max are kept from `cur` (they bound the difference but are
 * no longer exact). Throws `DL_STATS_NEGATIVE_COUNT` when `prev` is not contained in `cur`.
 */
export function diffQuantileSketches(prev: QuantileSketchState, cur: QuantileSketchState): QuantileSketchState {
  assertCompatible(prev, cur);
  const pos = trim(combineStores(cur.pos, prev.pos, -1, cur.maxBins));
  const neg = trim(combineStores(cur.neg, prev.neg, -1, cur.maxBins));
  const zero = cur.zero - prev.zero;
  const count = cur.count - prev.count;
  if (zero < 0 || count < 0 || pos.counts.some((c) => c < 0) || neg.counts.some((c) => c < 0)) {
    throw new StatsError(statsErrorCodes.negativeCount, 'diffQuantileSketches: prev is not contained in cur');
  }
  return { alpha: cur.alpha, maxBins: cur.maxBins, count, min: count > 0 ? cur.min : 0, max: count > 0 ? cur.max : 0, zero, pos, neg };
}

/**
 * Estimated q-quantile (0 ≤ q ≤ 1) of the recorded values, clamped to [min, max]. Throws
 * `DL_STATS_EMPTY_SAMPLE` on an empty sketch.
 */
export function toQuantile(sketch: QuantileSketchState, q: number): number {
  assertArgument(q >= 0 && q <= 1, 'toQuantile: q must be in [0, 1]');
  if (sketch.count === 0) throw new StatsError(statsErrorCodes.emptySample, 'toQuantile: empty sketch');
  const rank = q * (sketch.count - 1);
  let seen = 0;
  const clamp = (v: number): number => Math.min(sketch.max, Math.max(sketch.min, v));
  const { neg, pos, alpha } = sketch;
  for (let i = neg.counts.length - 1; i >= 0; i -= 1) {
    seen += neg.counts[i] ?? 0;
    if (seen > rank) return clamp(-valueOf(neg.offset + i, alpha));
  }
  seen += sketch.zero;
  if (seen > rank) return clamp(0);
  for (let i = 0; i < pos.counts.length; i += 1) {
    seen += pos.counts[i] ?? 0;
    if (seen > rank) return clamp(valueOf(pos.offset + i, alpha));
  }
  return sketch.max;
}

/**
 * The sketch as weighted points (bucket value, count) in increasing order, for statistics that
 * need a distribution (approximate KS and Wasserstein from sketches).
 */
export function toQuantileSketchPoints(sketch: QuantileSketchState): { values: number[]; weights: number[] } {
  const values: number[] = [];
  const weights: number[] = [];
  const clamp = (v: number): number => Math.min(sketch.max, Math.max(sketch.min, v));
  for (let i = sketch.neg.counts.length - 1; i >= 0; i -= 1) {
    const c = sketch.neg.counts[i] ?? 0;
    if (c > 0) { values.push(clamp(-valueOf(sketch.neg.offset + i, sketch.alpha))); weights.push(c); }
  }
  if (sketch.zero > 0) { values.push(clamp(0)); weights.push(sketch.zero); }
  sketch.pos.counts.forEach((c, i) => {
    if (c > 0) { values.push(clamp(valueOf(sketch.pos.offset + i, sketch.alpha))); weights.push(c); }
  });
  return { values, weights };
}
