// What the window tests produce: one Finding per real change, which the runtime turns into one
// DriftEvent (adding model, version, window bounds, reference profile id, ids and times).
import type { DriftKind, Severity } from '@driftline/schemas';

export interface Finding {
  readonly kind: DriftKind;
  /** `overall` or the aggregator's slice id `<key>=<value>`. */
  readonly slice: string;
  /** The feature, or the slice key for slice-mix findings; null for model-level findings. */
  readonly feature: string | null;
  /** e.g. `ks`, `psi`, `jensen-shannon`, `missing-rate`, `accuracy-drop`, `fpr-gap`, `slice-share-psi`. */
  readonly statistic: string;
  readonly value: number;
  readonly threshold: number;
  readonly severity: Severity;
  /** Values (or records, outcomes) behind the reference side of the comparison. */
  readonly referenceSize: number;
  /** Values (or records, outcomes) behind the window side. */
  readonly currentSize: number;
  /** One sentence a person understands, naming the feature, the slice and the numbers. */
  readonly explanation: string;
  readonly recommendedAction: string;
}

/**
 * The result of one test on one slice-window, fired or not: attribution needs the stable ones too
 * (docs/detector.md, "Attribution"). `topic` groups the tests of the same thing across slices.
 */
export interface Evaluation {
  readonly topic: string;
  readonly slice: string;
  /** How far past its threshold (≥ 1 when fired); compares strengths across slices. */
  readonly margin: number;
  /** Set when the test fired. */
  readonly finding?: Finding;
}

/** The two evaluation passes of the runtime: input-side tests and label-side tests. */
export const findingPasses = {
  inputs: 'inputs',
  outcomes: 'outcomes',
} as const;
export type FindingPass = (typeof findingPasses)[keyof typeof findingPasses];
