// Label drift: the distribution of actual labels among a slice-window's outcomes against the
// slice's reference label distribution (classifiers): PSI ≥ 0.1 and a chi-square test at
// `drift.alpha` (docs/detector.md, "Label drift").
import { DriftKind } from '@driftline/schemas';
import { driftFromFeatureStats, toCategoricalFromCounts } from '@driftline/stats';
import { toChangeText } from './drift-family.ts';
import type { Evaluation } from './finding.ts';
import type { FindingContext } from './finding-context.ts';
import { toReferenceOutcomes, toSourceText, toWhereText } from './finding-context.ts';
import { toMargin, toSeverity } from './severity.ts';
import { toCountText, toNumberText } from './text-format.ts';
import { toIsoTime } from '../iso-time.ts';

/** PSI of the label distribution above which labels drifted (the usual "moderate shift" level). */
export const LABEL_PSI_THRESHOLD = 0.1;

function total(counts: Readonly<Record<string, number>>): number {
  let n = 0;
  for (const v of Object.values(counts)) n += v;
  return n;
}

export function toLabelDriftEvaluations(ctx: FindingContext): Evaluation[] {
  if (ctx.spec.prediction.type === 'regression') return [];
  const { minEvidence } = ctx.spec.alerts;
  const out: Evaluation[] = [];
  for (const w of ctx.windows) {
    const labels = w.stats.outcomes.labels;
    if (total(labels) < minEvidence) continue;
    const ref = toReferenceOutcomes(ctx, w.slice, (o) => total(o.labels) >= minEvidence);
    if (ref === undefined) continue;
    const vocabulary = [...new Set([...Object.keys(ref.outcomes.labels), ...Object.keys(labels)])].sort();
    const reference = toCategoricalFromCounts(ref.outcomes.labels, vocabulary);
    const current = toCategoricalFromCounts(labels, vocabulary);
    const psi = driftFromFeatureStats(reference, current, { method: 'psi', threshold: LABEL_PSI_THRESHOLD });
    const chi = driftFromFeatureStats(reference, current, { method: 'chisquare', threshold: ctx.spec.drift.alpha });
    const margin = toMargin(psi.score, LABEL_PSI_THRESHOLD, 'above');
    const evaluation = { topic: 'label-drift', slice: w.slice, margin: psi.drift && chi.drift ? margin : Math.min(margin, 0.99) };
    if (!psi.drift || !chi.drift) { out.push(evaluation); continue; }
    const since = toIsoTime(w.start);
    out.push({
      ...evaluation,
      finding: {
        kind: DriftKind.LABEL_DRIFT, slice: w.slice, feature: null, statistic: 'label-psi', value: psi.score, threshold: LABEL_PSI_THRESHOLD,
        severity: toSeverity(psi.score, LABEL_PSI_THRESHOLD, 'above'), referenceSize: reference.counts.count, currentSize: current.counts.count,
        explanation: `The distribution of actual labels drifted ${toWhereText(w.slice)} in the window from ${since}: PSI ${toNumberText(psi.score)} (threshold ${LABEL_PSI_THRESHOLD}, chi-square p ${toNumberText(chi.score)}) over ${toCountText(current.counts.count)} labelled outcomes against ${toCountText(reference.counts.count)} from ${toSourceText(ref.source)}; ${toChangeText(reference, current)}.`,
        recommendedAction: `Check the label source for a change in how labels are assigned; if the class balance really changed, retrain with labelled data after ${since} (re-weighting the classes) and review the decision threshold.`,
      },
    });
  }
  return out;
}
