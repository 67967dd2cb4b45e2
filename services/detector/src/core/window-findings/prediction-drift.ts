// Prediction drift: the overall window's score distribution and predicted-label distribution
// against the baseline's prediction profile, as one multiple-testing family. The baseline profiles
// predictions overall only, so slices are not tested here (docs/detector.md, "Prediction drift").
import { DriftKind } from '@driftline/schemas';
import { toCategoricalFromCounts } from '@driftline/stats';
import type { DriftCase } from './drift-family.ts';
import { runDriftFamily, toChangeText } from './drift-family.ts';
import type { Evaluation } from './finding.ts';
import type { FindingContext } from './finding-context.ts';
import { OVERALL_SLICE } from './finding-context.ts';
import { toSeverity } from './severity.ts';
import { toCountText } from './text-format.ts';
import { toIsoTime } from '../iso-time.ts';

export function toPredictionDriftEvaluations(ctx: FindingContext): Evaluation[] {
  const prediction = ctx.baseline?.prediction;
  const w = ctx.windows.find((x) => x.slice === OVERALL_SLICE);
  const { minSamples } = ctx.spec.drift;
  if (prediction === undefined || w === undefined || w.records < minSamples) return [];
  const cases: DriftCase[] = [];
  const refScore = prediction.stats['score'];
  if (refScore !== undefined && refScore.counts.count >= minSamples && w.stats.score.counts.count >= minSamples) {
    cases.push({ name: 'score', reference: refScore, current: w.stats.score, options: {} });
  }
  const refLabel = prediction.stats['label'];
  if (refLabel?.kind === 'categorical' && refLabel.counts.count >= minSamples) {
    const current = toCategoricalFromCounts(w.stats.predictedLabels, refLabel.categories.categories);
    if (current.counts.count >= minSamples) cases.push({ name: 'label', reference: refLabel, current, options: {} });
  }
  const since = toIsoTime(w.start);
  return runDriftFamily(cases, ctx.spec.drift).map((t): Evaluation => {
    const evaluation = { topic: `prediction-drift|${t.name}`, slice: OVERALL_SLICE, margin: t.margin };
    if (!t.drift) return evaluation;
    const what = t.name === 'score' ? 'prediction scores' : 'predicted labels';
    return {
      ...evaluation,
      finding: {
        kind: DriftKind.PREDICTION_DRIFT, slice: OVERALL_SLICE, feature: null, statistic: `${t.name}-${t.statistic}`, value: t.value, threshold: t.threshold,
        severity: toSeverity(t.value, t.threshold, t.rule), referenceSize: t.reference.counts.count, currentSize: t.current.counts.count,
        explanation: `The model's ${what} drifted across all traffic in the window from ${since}: ${t.measureText} between ${toCountText(t.current.counts.count)} predictions and ${toCountText(t.reference.counts.count)} reference predictions; ${toChangeText(t.reference, t.current)}.`,
        recommendedAction: `Look for data-drift findings on the inputs in the same window; if none explains it, check the deployed model version and its serving pipeline, and collect labels for predictions since ${since} to see whether accuracy changed.`,
      },
    };
  });
}
