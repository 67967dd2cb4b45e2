import { StatsError, assertArgument, statsErrorCodes } from '../errors.ts';

/**
 * Exact frequencies of a numeric feature while it has at most `cap` distinct values (default 21),
 * then just "saturated". It makes the low-cardinality paths exact from accumulators: Evidently
 * picks Z / chi-square / JS for ≤ 2 / ≤ 5 distinct values and bins per value when the reference has
 * ≤ 20. A saturated state keeps no values. Merge is exact and associative: the result is saturated
 * iff the union has more than `cap` values. Diff of two unsaturated states is exact. `values[i]`
 * has count `counts[i]`; order is first-seen. Plain data; JSON as is.
 */
export interface SmallDomainState {
  readonly cap: number;
  saturated: boolean;
  values: number[];
  counts: number[];
}

/** An empty state. */
export function createSmallDomain(cap = 21): SmallDomainState {
  assertArgument(Number.isInteger(cap) && cap >= 1 && cap <= 1000, 'createSmallDomain: cap must be in [1, 1000]');
  return { cap, saturated: false, values: [], counts: [] };
}

function saturate(state: SmallDomainState): void {
  state.saturated = true;
  state.values = [];
  state.counts = [];
}

/** Mutates `state` with `weight` occurrences of `value`. O(cap) while not saturated, O(1) after. */
export function recordSmallDomain(state: SmallDomainState, value: number, weight = 1): void {
  if (state.saturated) return;
  const i = state.values.indexOf(value);
  if (i >= 0) state.counts[i] = (state.counts[i] ?? 0) + weight;
  else if (state.values.length < state.cap) {
    state.values.push(value);
    state.counts.push(weight);
  } else saturate(state);
}

function assertSameCap(a: SmallDomainState, b: SmallDomainState): void {
  if (a.cap !== b.cap) {
    throw new StatsError(statsErrorCodes.incompatibleState, 'small domain: caps differ', { context: { a: a.cap, b: b.cap } });
  }
}

/** Exact union of frequencies, saturated when more than `cap` values. */
export function mergeSmallDomains(a: SmallDomainState, b: SmallDomainState): SmallDomainState {
  assertSameCap(a, b);
  const out: SmallDomainState = { cap: a.cap, saturated: a.saturated || b.saturated, values: [], counts: [] };
  if (out.saturated) return out;
  out.values = [...a.values];
  out.counts = [...a.counts];
  b.values.forEach((v, i) => { recordSmallDomain(out, v, b.counts[i] ?? 0); });
  return out;
}

/**
 * `cur − prev`; values whose count drops to 0 are removed. If either side is saturated, the
 * result is saturated (the remainder is unknown).
 */
export function diffSmallDomains(prev: SmallDomainState, cur: SmallDomainState): SmallDomainState {
  assertSameCap(prev, cur);
  const out: SmallDomainState = { cap: cur.cap, saturated: prev.saturated || cur.saturated, values: [], counts: [] };
  if (out.saturated) return out;
  const left = new Map(cur.values.map((v, i) => [v, cur.counts[i] ?? 0]));
  prev.values.forEach((v, i) => { left.set(v, (left.get(v) ?? 0) - (prev.counts[i] ?? 0)); });
  for (const [v, c] of left) {
    if (c < 0) throw new StatsError(statsErrorCodes.negativeCount, 'diffSmallDomains: prev is not contained in cur');
    if (c > 0) {
      out.values.push(v);
      out.counts.push(c);
    }
  }
  return out;
}

/** Value → count, or undefined when saturated. */
export function toSmallDomainCounts(state: SmallDomainState): ReadonlyMap<number, number> | undefined {
  return state.saturated ? undefined : new Map(state.values.map((v, i) => [v, state.counts[i] ?? 0]));
}
