// What the read API returns for a window or a rolling view: summaries a person or the detector can
// use, never raw values. Also the merge of windows (rolling views).
import { mergeFeatureStats, mergeQualityCounts, toFeatureSummary } from '@driftline/stats';
import type { FeatureSummary, QualityCountsState } from '@driftline/stats';
import type { ModelContext } from './model-context.ts';
import type { WindowAccumulator, CoMoments } from './window-accumulator.ts';

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

/** Merges `b` into a copy of `a` (windows of the same model, version and slice). */
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
