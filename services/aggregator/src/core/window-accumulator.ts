// The statistics of one (model, version, slice, window) folded from one chunk of records, before
// they become Redis deltas. Plain data built from @driftline/stats accumulators.
import { createQualityCounts, createWindowStatsLike, mergeFeatureStats, mergeQualityCounts } from '@driftline/stats';
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

/** `a` and `b` merged into a new accumulator with `a`'s id (spanning both windows' time). */
export function mergeWindows(a: WindowAccumulator, b: WindowAccumulator): WindowAccumulator {
  const sumRecord = (x: Record<string, number>, y: Record<string, number>): Record<string, number> => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const features: WindowAccumulator['features'] = {};
  for (const [name, stats] of Object.entries(a.features)) {
    const other = b.features[name];
    features[name] = other === undefined ? stats : mergeFeatureStats(stats, other);
  }
  const quality: WindowAccumulator['quality'] = {};
  for (const [name, q] of Object.entries(a.quality)) {
    const other = b.quality[name];
    quality[name] = other === undefined ? q : mergeQualityCounts(q, other);
  }
  const coMoments: WindowAccumulator['coMoments'] = {};
  for (const [name, m] of Object.entries(a.coMoments)) {
    const o = b.coMoments[name];
    coMoments[name] = o === undefined ? m : { n: m.n + o.n, sx: m.sx + o.sx, sy: m.sy + o.sy, sxx: m.sxx + o.sxx, syy: m.syy + o.syy, sxy: m.sxy + o.sxy };
  }
  const ao = a.outcomes;
  const bo = b.outcomes;
  return {
    id: { ...a.id, sizeMs: Math.max(a.id.start + a.id.sizeMs, b.id.start + b.id.sizeMs) - Math.min(a.id.start, b.id.start), start: Math.min(a.id.start, b.id.start) },
    records: a.records + b.records,
    late: a.late + b.late,
    outcomesLate: a.outcomesLate + b.outcomesLate,
    features,
    quality,
    score: mergeFeatureStats(a.score, b.score) as WindowAccumulator['score'],
    predictedLabels: sumRecord(a.predictedLabels, b.predictedLabels),
    coMoments,
    outcomes: {
      n: ao.n + bo.n,
      labels: sumRecord(ao.labels, bo.labels),
      confusion: sumRecord(ao.confusion, bo.confusion),
      errors: { n: ao.errors.n + bo.errors.n, sum: ao.errors.sum + bo.errors.sum, sumSq: ao.errors.sumSq + bo.errors.sumSq, sumAbs: ao.errors.sumAbs + bo.errors.sumAbs },
      calibration: {
        n: ao.calibration.n.map((v, i) => v + (bo.calibration.n[i] ?? 0)),
        score: ao.calibration.score.map((v, i) => v + (bo.calibration.score[i] ?? 0)),
        positive: ao.calibration.positive.map((v, i) => v + (bo.calibration.positive[i] ?? 0)),
      },
    },
  };
}
