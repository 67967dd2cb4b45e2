// What the read API returns for a window or a rolling view: summaries a person or the detector can
// use, never raw values. Also the merge of windows (rolling views).
import { toFeatureSummary } from '@driftline/stats';
import type { FeatureSummary, QualityCountsState } from '@driftline/stats';
import type { ModelContext } from './model-context.ts';
import type { WindowAccumulator, CoMoments, OutcomeCounts } from './window-accumulator.ts';

export interface WindowView {
  readonly start: number;
  readonly end: number;
  readonly version: string;
  readonly slice: string;
  readonly records: number;
  readonly late: number;
  readonly outcomesLate: number;
  /** Share of the model's records (same version and window) that fall in this slice. */
  readonly sliceShare: number | null;
  readonly features: Record<string, { readonly quality: QualityCountsState; readonly summary?: FeatureSummary; readonly correlationWithScore?: number | null }>;
  readonly prediction: { readonly score: FeatureSummary; readonly labels: Readonly<Record<string, number>> };
  readonly outcomes: {
    readonly count: number;
    readonly labels: Readonly<Record<string, number>>;
    readonly accuracy: number | null;
    readonly falsePositiveRate: number | null;
    readonly falseNegativeRate: number | null;
    readonly meanAbsoluteError: number | null;
    readonly rootMeanSquaredError: number | null;
    readonly calibration: readonly { readonly bin: number; readonly count: number; readonly meanScore: number; readonly positiveRate: number }[];
  };
  /** Only with `?detail=stats`. */
  readonly stats?: WindowDetail;
}

/** The raw accumulators of a window (`?detail=stats`): what the detector tests against the reference. */
export interface WindowDetail {
  readonly features: WindowAccumulator['features'];
  readonly score: WindowAccumulator['score'];
  readonly quality: WindowAccumulator['quality'];
  readonly predictedLabels: Readonly<Record<string, number>>;
  readonly coMoments: Readonly<Record<string, CoMoments>>;
  readonly outcomes: OutcomeCounts;
}

export function toWindowDetail(acc: WindowAccumulator): WindowDetail {
  return { features: acc.features, score: acc.score, quality: acc.quality, predictedLabels: acc.predictedLabels, coMoments: acc.coMoments, outcomes: acc.outcomes };
}

export function toWindowView(acc: WindowAccumulator, ctx: ModelContext, overallRecords: number | null): WindowView {
  const features: Record<string, WindowView['features'][string]> = {};
  for (const [name, quality] of Object.entries(acc.quality)) {
    const stats = acc.features[name];
    const m = acc.coMoments[name];
    features[name] = { quality, ...(stats === undefined ? {} : { summary: toFeatureSummary(stats) }), ...(m === undefined ? {} : { correlationWithScore: pearson(m) }) };
  }
  return {
    start: acc.id.start,
    end: acc.id.start + acc.id.sizeMs,
    version: acc.id.version,
    slice: acc.id.slice,
    records: acc.records,
    late: acc.late,
    outcomesLate: acc.outcomesLate,
    sliceShare: overallRecords === null || overallRecords === 0 ? null : acc.records / overallRecords,
    features,
    prediction: { score: toFeatureSummary(acc.score), labels: acc.predictedLabels },
    outcomes: toOutcomeView(acc, ctx),
  };
}

function pearson(m: CoMoments): number | null {
  if (m.n < 2) return null;
  const cov = m.sxy - (m.sx * m.sy) / m.n;
  const vx = m.sxx - (m.sx * m.sx) / m.n;
  const vy = m.syy - (m.sy * m.sy) / m.n;
  return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : null;
}

function toOutcomeView(acc: WindowAccumulator, ctx: ModelContext): WindowView['outcomes'] {
  const o = acc.outcomes;
  let correct = 0;
  let total = 0;
  for (const [cell, n] of Object.entries(o.confusion)) {
    const [predicted, actual] = cell.split('|');
    total += n;
    if (predicted === actual) correct += n;
  }
  const positive = ctx.spec.prediction.positiveLabel;
  const cell = (p: boolean, a: boolean): number => {
    let n = 0;
    for (const [key, count] of Object.entries(o.confusion)) {
      const [predicted, actual] = key.split('|');
      if ((predicted === positive) === p && (actual === positive) === a) n += count;
    }
    return n;
  };
  const binary = ctx.spec.prediction.type === 'binary' && positive !== undefined;
  const fp = binary ? cell(true, false) : 0;
  const tn = binary ? cell(false, false) : 0;
  const fn = binary ? cell(false, true) : 0;
  const tp = binary ? cell(true, true) : 0;
  return {
    count: o.n,
    labels: o.labels,
    accuracy: total > 0 ? correct / total : null,
    falsePositiveRate: binary && fp + tn > 0 ? fp / (fp + tn) : null,
    falseNegativeRate: binary && fn + tp > 0 ? fn / (fn + tp) : null,
    meanAbsoluteError: o.errors.n > 0 ? o.errors.sumAbs / o.errors.n : null,
    rootMeanSquaredError: o.errors.n > 0 ? Math.sqrt(o.errors.sumSq / o.errors.n) : null,
    calibration: o.calibration.n.flatMap((count, bin) => (count > 0 ? [{ bin, count, meanScore: (o.calibration.score[bin] ?? 0) / count, positiveRate: (o.calibration.positive[bin] ?? 0) / count }] : [])),
  };
}
