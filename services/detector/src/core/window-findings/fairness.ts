// Fairness gaps: false-positive and false-negative rates per slice value within the window (binary
// classifiers with a positive label); the gap between the best and worst slice of a key above
// `alerts.fairnessGap` and significant (docs/detector.md, "Fairness").
import { DriftKind } from '@driftline/schemas';
import { toBinaryConfusion, zTestProportions } from '@driftline/stats';
import type { Evaluation } from './finding.ts';
import type { FindingContext } from './finding-context.ts';
import { OVERALL_SLICE, toSliceKey } from './finding-context.ts';
import { toMargin, toSeverity } from './severity.ts';
import { toCountText, toNumberText, toPercentText } from './text-format.ts';
import { toIsoTime } from '../iso-time.ts';

/** Fewest actual negatives (FPR) or positives (FNR) a slice needs for its rate to count. */
export const FAIRNESS_MIN_DENOMINATOR = 30;

interface Rate {
  readonly slice: string;
  /** False positives (FPR) or false negatives (FNR). */
  readonly errors: number;
  /** Actual negatives (FPR) or actual positives (FNR). */
  readonly size: number;
}

const rates = {
  fpr: { statistic: 'fpr-gap', title: 'false-positive rate', of: 'actual negatives' },
  fnr: { statistic: 'fnr-gap', title: 'false-negative rate', of: 'actual positives' },
} as const;

export function toFairnessEvaluations(ctx: FindingContext): Evaluation[] {
  const { prediction, alerts, drift } = ctx.spec;
  const positive = prediction.positiveLabel;
  if (prediction.type !== 'binary' || positive === undefined) return [];
  const out: Evaluation[] = [];
  for (const key of ctx.spec.slices.keys) {
    const perRate: Record<keyof typeof rates, Rate[]> = { fpr: [], fnr: [] };
    for (const w of ctx.windows) {
      if (toSliceKey(w.slice) !== key) continue;
      const c = toBinaryConfusion(w.stats.outcomes, positive);
      if (c.tp + c.fp + c.tn + c.fn < alerts.minEvidence) continue;
      perRate.fpr.push({ slice: w.slice, errors: c.fp, size: c.fp + c.tn });
      perRate.fnr.push({ slice: w.slice, errors: c.fn, size: c.fn + c.tp });
    }
    for (const name of ['fpr', 'fnr'] as const) {
      const eligible = perRate[name].filter((r) => r.size >= FAIRNESS_MIN_DENOMINATOR).sort((a, b) => a.errors / a.size - b.errors / b.size);
      const best = eligible[0];
      const worst = eligible[eligible.length - 1];
      if (best === undefined || worst === undefined || eligible.length < 2) continue;
      const gap = worst.errors / worst.size - best.errors / best.size;
      // The pair is chosen after looking at all of them: Bonferroni over the k(k − 1)/2 pairs.
      const pairs = (eligible.length * (eligible.length - 1)) / 2;
      const test = zTestProportions({ referenceOnes: best.errors, referenceSize: best.size, currentOnes: worst.errors, currentSize: worst.size });
      const fired = gap >= alerts.fairnessGap && test.pValue <= drift.alpha / pairs;
      const margin = toMargin(gap, alerts.fairnessGap, 'above');
      const evaluation = { topic: `fairness|${key}|${name}`, slice: OVERALL_SLICE, margin: fired ? margin : Math.min(margin, 0.99) };
      if (!fired) { out.push(evaluation); continue; }
      const r = rates[name];
      const since = toIsoTime(ctx.windows[0]?.start ?? 0);
      out.push({
        ...evaluation,
        finding: {
          kind: DriftKind.FAIRNESS, slice: worst.slice, feature: null, statistic: r.statistic, value: gap, threshold: alerts.fairnessGap,
          severity: toSeverity(gap, alerts.fairnessGap, 'above'), referenceSize: best.size, currentSize: worst.size,
          explanation: `The ${r.title} differs by ${toNumberText(gap)} between slices of ${key} in the window from ${since}: ${worst.slice} ${toPercentText(worst.errors / worst.size)} of ${toCountText(worst.size)} ${r.of} against ${best.slice} ${toPercentText(best.errors / best.size)} of ${toCountText(best.size)} (alert at a gap of ${toNumberText(alerts.fairnessGap)}).`,
          recommendedAction: `Collect more labels for ${worst.slice}, review the decision threshold (${toNumberText(prediction.scoreThreshold)}) for it, and retrain with data that represents ${worst.slice} well; check the data-drift findings of ${worst.slice} for a cause.`,
        },
      });
    }
  }
  return out;
}
