// Reference profiles of one data set: overall, one per slice, and one of the prediction, built
// with @driftline/stats' two-pass builder. Pure: the caller streams the rows in (twice).
import { createProfileBuilder, recordProfileRow, startHistogramPass, toReferenceProfile } from '@driftline/stats';
import type { BaselineDocument, ProfileBuilder, ProfileOptions, ReferenceProfile } from '@driftline/stats';
import type { MonitorSpecDocument } from '@driftline/schemas';
import type { InputRow } from '../input/input-row.ts';
import { toFeatureSpec, toPredictionSpecs } from './feature-specs.ts';
import { createBehaviourRecorder, recordBehaviourRow, toReferenceBehaviours } from './reference-behaviour.ts';
import type { BehaviourRecorder } from './reference-behaviour.ts';
import { createSliceAssigner, toSliceIds } from './slice-assigner.ts';
import type { SlicedState } from './sliced-state.ts';

/** Slice builders are created in pass 1 as slice values appear. */
export interface ProfileSet extends SlicedState<ProfileBuilder> {
  readonly options: ProfileOptions;
  /** Outcomes and feature–score co-moments, recorded in pass 1. */
  readonly behaviour: BehaviourRecorder;
  pass: 1 | 2;
}

/** The profiles a {@link ProfileSet} ends with (JSON-ready). */
export interface ProfileSetResult {
  readonly overall: ReferenceProfile;
  readonly slices: Record<string, ReferenceProfile>;
  /** Absent when no row carried a prediction. */
  readonly prediction: ReferenceProfile | undefined;
  /** Absent when no row carried an actual label or value, or a score. */
  readonly behaviour?: BaselineDocument['behaviour'];
}

export function createProfileSet(spec: MonitorSpecDocument, options: ProfileOptions): ProfileSet {
  const specs = spec.features.map(toFeatureSpec);
  const predictionSpecs = toPredictionSpecs(spec);
  return {
    specs, predictionSpecs, options,
    assigner: createSliceAssigner(spec.slices.keys, spec.slices.maxValuesPerKey),
    overall: createProfileBuilder(specs, options),
    slices: new Map(),
    prediction: createProfileBuilder(predictionSpecs, options),
    behaviour: createBehaviourRecorder(spec),
    pass: 1,
  };
}

/** A prediction label as the `label` pseudo-feature sees it: numbers and booleans as text. */
export function toLabelValue(label: unknown): unknown {
  return typeof label === 'number' || typeof label === 'boolean' ? String(label) : label;
}

/** The prediction of a row as a record of the prediction pseudo-features (labels as text). */
export function toPredictionRow(row: InputRow): Record<string, unknown> | undefined {
  const p = row.prediction;
  if (p === undefined) return undefined;
  return { score: p.score, label: toLabelValue(p.label) };
}

/** Records one row in the current pass (overall, each of its slices, its prediction). */
export function recordProfileSetRow(set: ProfileSet, row: InputRow): void {
  recordProfileRow(set.overall, row.features);
  const sliceIds = toSliceIds(set.assigner, row);
  if (set.pass === 1) recordBehaviourRow(set.behaviour, row, sliceIds);
  for (const id of sliceIds) {
    let builder = set.slices.get(id);
    if (builder === undefined) {
      if (set.pass === 2) continue; // only if the file changed between passes
      builder = createProfileBuilder(set.specs, set.options);
      set.slices.set(id, builder);
    }
    recordProfileRow(builder, row.features);
  }
  const prediction = toPredictionRow(row);
  if (prediction !== undefined) recordProfileRow(set.prediction, prediction);
}

/** Ends pass 1 everywhere: histogram edges and vocabularies are fixed; slice values are frozen. */
export function startProfileSetPass2(set: ProfileSet): void {
  set.assigner.frozen = true;
  startHistogramPass(set.overall);
  for (const builder of set.slices.values()) startHistogramPass(builder);
  startHistogramPass(set.prediction);
  set.pass = 2;
}

export function toProfileSetResult(set: ProfileSet): ProfileSetResult {
  const slices: Record<string, ReferenceProfile> = {};
  for (const id of [...set.slices.keys()].sort()) {
    const builder = set.slices.get(id);
    if (builder !== undefined) slices[id] = toReferenceProfile(builder);
  }
  return {
    overall: toReferenceProfile(set.overall),
    slices,
    prediction: set.prediction.rows === 0 ? undefined : toReferenceProfile(set.prediction),
    behaviour: toReferenceBehaviours(set.behaviour),
  };
}
