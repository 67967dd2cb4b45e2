import { StatsError, assertArgument, statsErrorCodes } from '../errors.ts';

/**
 * Count, mean and sum of squared deviations (M2) of the present values, merged with the pairwise
 * update of Chan, Golub and LeVeque (1979), which stays accurate where the naive sum of squares
 * cancels catastrophically.
 */
export interface MomentsState {
  n: number;
  mean: number;
  m2: number;
}

/** Summary of {@link MomentsState}. `variance` is the population variance (ddof 0). */
export interface MomentsSummary {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
  readonly std: number;
  /** Sample variance (ddof 1); 0 when n < 2. */
  readonly sampleVariance: number;
}

/** A fresh, empty state. */
export function createMoments(): MomentsState {
  return { n: 0, mean: 0, m2: 0 };
}

/** Mutates `state` with one finite value (Welford's update). */
export function recordMoments(state: MomentsState, value: number): void {
  assertArgument(Number.isFinite(value), 'recordMoments: value must be finite');
  const n = state.n + 1;
  const delta = value - state.mean;
  const mean = state.mean + delta / n;
  state.m2 += delta * (value - mean);
  state.mean = mean;
  state.n = n;
}

/** Chan et al. merge (associative and commutative up to rounding). */
export function mergeMoments(a: MomentsState, b: MomentsState): MomentsState {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return {
    n,
    mean: a.mean + (delta * b.n) / n,
    m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n,
  };
}

/**
 * The part of `cur` not in `prev`, i.e. `x` such that `mergeMoments(prev, x) = cur`. Used to
 * subtract erased records. Subtraction loses accuracy when the remainder is small relative to
 * `cur`; M2 is clamped at 0. Throws `DL_STATS_NEGATIVE_COUNT` if `prev.n > cur.n`.
 */
export function diffMoments(prev: MomentsState, cur: MomentsState): MomentsState {
  const n = cur.n - prev.n;
  if (n < 0) {
    throw new StatsError(statsErrorCodes.negativeCount, 'diffMoments: prev is not contained in cur', {
      context: { prev: prev.n, cur: cur.n },
    });
  }
  if (n === 0) return createMoments();
  if (prev.n === 0) return { ...cur };
  const mean = (cur.n * cur.mean - prev.n * prev.mean) / n;
  const delta = mean - prev.mean;
  const m2 = cur.m2 - prev.m2 - (delta * delta * prev.n * n) / cur.n;
  return { n, mean, m2: Math.max(0, m2) };
}

/** Mean and variances of the state. */
export function toMomentsSummary(state: MomentsState): MomentsSummary {
  const variance = state.n > 0 ? state.m2 / state.n : 0;
  return {
    n: state.n,
    mean: state.mean,
    variance,
    std: Math.sqrt(variance),
    sampleVariance: state.n > 1 ? state.m2 / (state.n - 1) : 0,
  };
}
