import { StatsError, statsErrorCodes } from '../errors.ts';

/** Number of present and missing values seen. Plain data; JSON as is. */
export interface CountsState {
  /** Values that were present (not null, undefined or NaN). */
  count: number;
  /** Values that were missing. */
  missing: number;
}

/** A fresh, empty counter. */
export function createCounts(): CountsState {
  return { count: 0, missing: 0 };
}

/** Mutates `state`: counts one value, present or missing. */
export function recordCount(state: CountsState, isMissing: boolean): void {
  if (isMissing) state.missing += 1;
  else state.count += 1;
}

/** Sum of two counters (associative, commutative). */
export function mergeCounts(a: CountsState, b: CountsState): CountsState {
  return { count: a.count + b.count, missing: a.missing + b.missing };
}

/**
 * What `cur` holds beyond `prev` (the inverse of merge). Throws `DL_STATS_NEGATIVE_COUNT` when `prev`
 * is not part of `cur`.
 */
export function diffCounts(prev: CountsState, cur: CountsState): CountsState {
  const count = cur.count - prev.count;
  const missing = cur.missing - prev.missing;
  if (count < 0 || missing < 0) {
    throw new StatsError(statsErrorCodes.negativeCount, 'diffCounts: prev is not contained in cur', {
      context: { count, missing },
    });
  }
  return { count, missing };
}
