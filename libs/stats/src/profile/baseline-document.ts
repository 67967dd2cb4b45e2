import type { CoMomentsState } from '../accumulators/co-moments.ts';
import type { OutcomeCountsState } from '../accumulators/outcome-counts.ts';
import type { ReferenceProfile } from './profile-builder.ts';

/**
 * How the model and its labels behaved on the reference rows of one slice: outcome counts (when
 * the rows carry an actual label or value) and the co-moments of each numeric feature with the
 * prediction score (when they carry a score).
 */
export interface ReferenceBehaviour {
  readonly outcomes: OutcomeCountsState;
  readonly coMoments: Readonly<Record<string, CoMomentsState>>;
}

/**
 * The file `driftline baseline` writes and `driftline monitor apply` publishes as `profileJson`
 * (docs/report.md "Profile format"). Slice ids are `<key>=<value>` with the raw value.
 */
export interface BaselineDocument {
  readonly kind: 'driftline-baseline';
  readonly version: 1;
  readonly modelId: string;
  readonly createdAt: string;
  readonly source: { readonly file: string; readonly format: string };
  readonly rows: number;
  readonly skippedLines: number;
  readonly bins: number;
  readonly sliceKeys: readonly string[];
  readonly maxValuesPerKey: number;
  readonly overall: ReferenceProfile;
  readonly slices: Readonly<Record<string, ReferenceProfile>>;
  /** Pseudo-features `score` and (classifiers) `label`; absent when no row had a prediction. */
  readonly prediction?: ReferenceProfile | undefined;
  /** Absent in baselines written before it existed, or when no row had a label or a score. */
  readonly behaviour?: {
    readonly overall: ReferenceBehaviour;
    readonly slices: Readonly<Record<string, ReferenceBehaviour>>;
  } | undefined;
}
