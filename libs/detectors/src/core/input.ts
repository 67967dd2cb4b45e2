import { DetectorError } from '../errors.ts';

/** Throws unless `x` is a finite number. */
export function checkFinite(kind: string, x: number): void {
  if (!Number.isFinite(x)) {
    throw new DetectorError('DL_DETECTOR_INVALID_INPUT', `${kind}: input must be a finite number, got ${String(x)}`, { kind, value: x });
  }
}

/** Throws unless `x` is 0 or 1 (1 = error), as River's binary detectors expect. */
export function checkBinary(kind: string, x: number): void {
  if (x !== 0 && x !== 1) {
    throw new DetectorError('DL_DETECTOR_NON_BINARY_INPUT', `${kind}: input must be 0 or 1 (1 = error), got ${String(x)}`, { kind, value: x });
  }
}
