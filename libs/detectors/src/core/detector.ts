/** The contract every streaming detector implements. */

export const DETECTOR_KINDS = ['adwin', 'page-hinkley', 'kswin', 'ddm', 'eddm', 'hddm-a', 'hddm-w', 'cusum'] as const;
export type DetectorKind = (typeof DETECTOR_KINDS)[number];

/** Outcome of one `update`. The objects are shared and frozen: compare fields, never identity. */
export interface DetectorResult {
  readonly drift: boolean;
  readonly warning: boolean;
}

const NONE: DetectorResult = Object.freeze({ drift: false, warning: false });
const WARNING: DetectorResult = Object.freeze({ drift: false, warning: true });
const DRIFT: DetectorResult = Object.freeze({ drift: true, warning: false });
const BOTH: DetectorResult = Object.freeze({ drift: true, warning: true });

/** Returns the shared result object for a flag pair, so `update` allocates nothing. */
export function toResult(drift: boolean, warning: boolean): DetectorResult {
  if (drift) return warning ? BOTH : DRIFT;
  return warning ? WARNING : NONE;
}

export const SNAPSHOT_VERSION = 1;

/** Plain JSON state of a detector. `±Infinity` is stored as `null`; no NaN ever appears. */
export interface DetectorSnapshot<K extends DetectorKind = DetectorKind, P = object, S = object> {
  readonly kind: K;
  readonly version: typeof SNAPSHOT_VERSION;
  readonly params: P;
  readonly state: S;
}

export interface DriftDetector<K extends DetectorKind = DetectorKind, P = object, S = object> {
  readonly kind: K;
  /** The validated parameters, defaults filled in. */
  readonly params: Readonly<P>;
  /** Feeds one value. Invalid input throws a `DetectorError` and leaves the state untouched. */
  update(x: number): DetectorResult;
  /** A JSON-serialisable copy of the full state. */
  snapshot(): DetectorSnapshot<K, P, S>;
  /** Replaces this detector's parameters and state with those of a snapshot (validated first). */
  restore(snapshot: unknown): void;
}
