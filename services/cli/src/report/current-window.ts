// The current (serving) data set as window statistics shaped like the reference profiles, plus
// data-quality counts, overall and per slice. Pure: the caller streams the rows in once.
import { createQualityCheck, createQualityCounts, createWindowRecorder, createWindowStatsLike, recordQuality, recordWindowRow } from '@driftline/stats';
import type { FeatureSpec, QualityCheck, QualityCountsState, ReferenceProfile, WindowRecorder, WindowStats } from '@driftline/stats';
import type { InputRow } from '../input/input-row.ts';
import type { ProfileSetResult } from './profile-set.ts';
import { toPredictionRow } from './profile-set.ts';
import { toSliceIds } from './slice-assigner.ts';
import type { SliceAssigner } from './slice-assigner.ts';
import type { SlicedState } from './sliced-state.ts';

export interface CurrentStats {
  rows: number;
  readonly stats: WindowStats;
  readonly quality: Record<string, QualityCountsState>;
  readonly recorder: WindowRecorder;
  readonly checks: readonly (readonly [string, QualityCheck])[];
}

/** The assigner is frozen: slice values unknown to the reference map to `__other__`. */
export interface CurrentSet extends SlicedState<CurrentStats, CurrentStats | undefined> {
  readonly reference: ProfileSetResult;
}

function createCurrentStats(specs: readonly FeatureSpec[], reference: ReferenceProfile): CurrentStats {
  const stats = createWindowStatsLike(reference.stats);
  const quality: Record<string, QualityCountsState> = {};
  for (const s of specs) quality[s.name] = createQualityCounts();
  return { rows: 0, stats, quality, recorder: createWindowRecorder(specs, stats), checks: specs.map((s) => [s.name, createQualityCheck(s)] as const) };
}

function recordCurrent(current: CurrentStats, values: Readonly<Record<string, unknown>>): void {
  current.rows += 1;
  recordWindowRow(current.stats, current.recorder, values);
  for (const [name, check] of current.checks) {
    const q = current.quality[name];
    if (q !== undefined) recordQuality(q, check(values[name]));
  }
}

export function createCurrentSet(options: {
  specs: readonly FeatureSpec[]; predictionSpecs: readonly FeatureSpec[]; reference: ProfileSetResult; assigner: SliceAssigner;
}): CurrentSet {
  const { reference } = options;
  return {
    ...options,
    overall: createCurrentStats(options.specs, reference.overall),
    slices: new Map(),
    prediction: reference.prediction === undefined ? undefined : createCurrentStats(options.predictionSpecs, reference.prediction),
  };
}

/** Records one serving row (overall, each of its slices, its prediction). */
export function recordCurrentRow(set: CurrentSet, row: InputRow): void {
  recordCurrent(set.overall, row.features);
  for (const id of toSliceIds(set.assigner, row)) {
    let current = set.slices.get(id);
    if (current === undefined) {
      current = createCurrentStats(set.specs, set.reference.slices[id] ?? set.reference.overall);
      set.slices.set(id, current);
    }
    recordCurrent(current, row.features);
  }
  const prediction = toPredictionRow(row);
  if (prediction !== undefined && set.prediction !== undefined) recordCurrent(set.prediction, prediction);
}
