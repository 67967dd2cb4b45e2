import { assertArgument } from '../errors.ts';

/**
 * Minimum and maximum of the present values. `n` is the number of values seen; while it is 0,
 * `min` and `max` are 0 and meaningless (keeps the state JSON-safe: no Infinity).
 */
export interface ExtremaState {
  n: number;
  min: number;
  max: number;
}

/** A fresh, empty state. */
export function createExtrema(): ExtremaState {
  return { n: 0, min: 0, max: 0 };
}

/** Mutates `state` with one finite or infinite number (NaN is rejected). */
export function recordExtrema(state: ExtremaState, input: number): void {
  assertArgument(!Number.isNaN(input), 'recordExtrema: NaN is a missing value, not a number');
  const value = input === 0 ? 0 : input; // −0 is 0, so the result does not depend on order
  if (state.n === 0) {
    state.min = value;
    state.max = value;
  } else if (value < state.min) state.min = value;
  else if (value > state.max) state.max = value;
  state.n += 1;
}

/** Union of two states (associative, commutative). There is no diff: extrema cannot be subtracted. */
export function mergeExtrema(a: ExtremaState, b: ExtremaState): ExtremaState {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  return { n: a.n + b.n, min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}
