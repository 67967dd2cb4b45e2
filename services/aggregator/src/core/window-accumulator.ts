// The statistics of one (model, version, slice, window) folded from one chunk of records, before
// they become Redis deltas. Plain data built from @driftline/stats accumulators.
import { createQualityCounts, createWindowStatsLike } from '@driftline/stats';
import type { NumericFeatureStats, QualityCountsState, WindowStats } from '@driftline/stats';
import type { ModelContext } from './model-context.ts';
import { SCORE } from './model-context.ts';
import type { WindowId } from './keys.ts';

/** Sums for the correlation of a numeric feature with the prediction score (both present). */
export interface CoMoments { n: number; sx: number; sy: number; sxx: number; syy: number; sxy: number }

/** Outcome counts: label distribution, confusion, regression error, calibration (10 score bins). */
export interface OutcomeCounts {
  n: number;
  labels: Record<string, number>;
  /** `<predicted>|<actual>` → count (classifiers). */
  confusion: Record<string, number>;
  errors: { n: number; sum: number; sumSq: number; sumAbs: number };
  calibration: { n: number[]; score: number[]; positive: number[] };
}

export interface WindowAccumulator {
  readonly id: WindowId;
  records: number;
  /** Predictions that arrived after their window closed (window end + grace). */
  late: number;
  /** Outcomes that arrived after their window closed (window end + outcome grace). */
  outcomesLate: number;
  readonly features: WindowStats;
  readonly quality: Record<string, QualityCountsState>;
  readonly score: NumericFeatureStats;
  readonly predictedLabels: Record<string, number>;
  readonly coMoments: Record<string, CoMoments>;
  readonly outcomes: OutcomeCounts;
}

export const CALIBRATION_BINS = 10;

export function createWindowAccumulator(id: WindowId, ctx: ModelContext): WindowAccumulator {
  const quality: Record<string, QualityCountsState> = {};
  for (const { name } of ctx.checks) quality[name] = createQualityCounts();
  const coMoments: Record<string, CoMoments> = {};
  for (const name of ctx.numeric) coMoments[name] = { n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 };
  return {
    id,
    records: 0,
    late: 0,
    outcomesLate: 0,
    features: createWindowStatsLike(ctx.template),
    quality,
    score: createWindowStatsLike({ [SCORE]: ctx.scoreTemplate })[SCORE] as NumericFeatureStats,
    predictedLabels: {},
    coMoments,
    outcomes: {
      n: 0, labels: {}, confusion: {}, errors: { n: 0, sum: 0, sumSq: 0, sumAbs: 0 },
      calibration: { n: new Array<number>(CALIBRATION_BINS).fill(0), score: new Array<number>(CALIBRATION_BINS).fill(0), positive: new Array<number>(CALIBRATION_BINS).fill(0) },
    },
  };
}
