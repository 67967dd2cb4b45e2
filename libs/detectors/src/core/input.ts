import { DetectorError } from '../errors.ts';

/**
 * Largest accepted |x|. Beyond it the squared deviations summed over a long window could overflow
 * to Infinity (and then NaN), which would poison the state and its snapshot.
 */
export const MAX_ABS_INPUT = 1e100;

/** Throws unless `x` is a finite number with |x| ≤ 1e100. */
export function checkFinite(kind: string, x: number): void {
  if (!(x >= -MAX_ABS_INPUT && x <= MAX_ABS_INPUT)) {
    throw new DetectorError('DL_DETECTOR_INVALID_INPUT', `${kind}: input must be a finite number with |x| <= 1e100, got ${String(x)}`, { kind, value: x });
  }
}

/** Throws unless `x` is 0 or 1 (1 = error), as River's binary detectors expect. */
export function checkBinary(kind: string, x: number): void {
  if (x !== 0 && x !== 1) {
    throw new DetectorError('DL_DETECTOR_NON_BINARY_INPUT', `${kind}: input must be 0 or 1 (1 = error), got ${String(x)}`, { kind, value: x });
  }
}
