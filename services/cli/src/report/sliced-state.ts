// The shape shared by the reference profiles being built and the current statistics: one state
// for the whole data set, one per slice, one for the prediction.
import type { FeatureSpec } from '@driftline/stats';
import type { SliceAssigner } from './slice-assigner.ts';

export interface SlicedState<T, P = T> {
  readonly specs: readonly FeatureSpec[];
  /** The prediction as pseudo-features `score` and (classifiers) `label`. */
  readonly predictionSpecs: readonly FeatureSpec[];
  readonly assigner: SliceAssigner;
  readonly overall: T;
  /** Keyed by slice id `<key>=<value>`. */
  readonly slices: Map<string, T>;
  readonly prediction: P;
}
