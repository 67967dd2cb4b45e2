// Performance decay: accuracy drop (classifiers) or relative rise of the mean absolute error
// (regression) versus the slice's reference outcomes, above `alerts.performanceDrop` and unlikely
// to be noise (one-sided test at `drift.alpha`). Concept drift when the slice's inputs did not
// drift in the same window (docs/detector.md, "Performance and concept drift").
import { DriftKind } from '@driftline/schemas';
import { toAccuracyCounts, zTestMeans, zTestProportions } from '@driftline/stats';
import type { OutcomeCountsState } from '@driftline/stats';
import type { Evaluation, Finding } from './finding.ts';
import type { FindingContext, ReferenceSource } from './finding-context.ts';
import { OVERALL_SLICE, toReferenceOutcomes, toSourceText, toWhereText } from './finding-context.ts';
import { toMargin, toSeverity } from './severity.ts';
import { toCountText, toNumberText, toPercentText } from './text-format.ts';
import { toIsoTime } from '../iso-time.ts';
import type { WindowSnapshot } from './window-snapshot.ts';

/** Features whose data drifted in a slice-window; undefined when none could be tested there. */
export type DriftedInputs = (slice: string) => readonly string[] | undefined;

/** One-sided p-value of "current is worse" from a two-sided z-test whose z is positive when worse. */
function oneSided(z: number, twoSidedP: number): number {
  return z > 0 ? twoSidedP / 2 : 1 - twoSidedP / 2;
}

interface Decay {
  readonly statistic: string;
  readonly value: number;
  readonly pValue: number;
  readonly referenceSize: number;
  readonly currentSize: number;
  readonly source: ReferenceSource;
  /** "accuracy fell from 91.2% (…) to 78.4% on 340 labelled outcomes" */
  readonly text: string;
}

function accuracyDecay(ctx: FindingContext, w: WindowSnapshot): Decay | undefined {
  const { minEvidence } = ctx.spec.alerts;
  const cur = toAccuracyCounts(w.stats.outcomes);
  if (cur.total < minEvidence) return undefined;
  const ref = toReferenceOutcomes(ctx, w.slice, (o) => toAccuracyCounts(o).total >= minEvidence);
  if (ref === undefined) return undefined;
  const r = toAccuracyCounts(ref.outcomes);
  const refAcc = r.correct / r.total;
  const curAcc = cur.correct / cur.total;
  const test = zTestProportions({ referenceOnes: r.correct, referenceSize: r.total, currentOnes: cur.correct, currentSize: cur.total });
  return {
    statistic: 'accuracy-drop', value: refAcc - curAcc, pValue: oneSided(test.statistic, test.pValue),
    referenceSize: r.total, currentSize: cur.total, source: ref.source,
    text: `accuracy fell from ${toPercentText(refAcc)} (${toSourceText(ref.source)}, ${toCountText(r.total)} labelled rows) to ${toPercentText(curAcc)} on ${toCountText(cur.total)} labelled outcomes`,
  };
}

function absoluteErrors(o: OutcomeCountsState): { mean: number; variance: number; n: number } {
  const mean = o.errors.sumAbs / o.errors.n;
  return { mean, variance: Math.max(0, o.errors.sumSq / o.errors.n - mean * mean), n: o.errors.n };
}

function errorDecay(ctx: FindingContext, w: WindowSnapshot): Decay | undefined {
  const minEvidence = Math.max(ctx.spec.alerts.minEvidence, 2);
  if (w.stats.outcomes.errors.n < minEvidence) return undefined;
  const ref = toReferenceOutcomes(ctx, w.slice, (o) => o.errors.n >= minEvidence && o.errors.sumAbs > 0);
  if (ref === undefined) return undefined;
  const r = absoluteErrors(ref.outcomes);
  const c = absoluteErrors(w.stats.outcomes);
  const test = zTestMeans(r, c);
  return {
    statistic: 'mae-rise', value: (c.mean - r.mean) / r.mean, pValue: oneSided(test.statistic, test.pValue),
    referenceSize: r.n, currentSize: c.n, source: ref.source,
    text: `the mean absolute error rose from ${toNumberText(r.mean)} (${toSourceText(ref.source)}, ${toCountText(r.n)} labelled rows) to ${toNumberText(c.mean)} on ${toCountText(c.n)} labelled outcomes`,
  };
}

function toFinding(ctx: FindingContext, w: WindowSnapshot, decay: Decay, drifted: readonly string[] | undefined): Finding {
  const limit = ctx.spec.alerts.performanceDrop;
  const since = toIsoTime(w.start);
  const where = toWhereText(w.slice);
  const labels = w.slice === OVERALL_SLICE ? 'all slices' : `slice ${w.slice}`;
  const accuracy = decay.statistic === 'accuracy-drop';
  const size = accuracy ? `a drop of ${toNumberText(100 * decay.value)} points` : `a rise of ${toPercentText(decay.value)}`;
  const alert = accuracy ? `${toNumberText(100 * limit)} points` : toPercentText(limit);
  const common = {
    slice: w.slice, feature: null, statistic: decay.statistic, value: decay.value, threshold: limit,
    severity: toSeverity(decay.value, limit, 'above'), referenceSize: decay.referenceSize, currentSize: decay.currentSize,
  };
  const head = `In the window from ${since} ${where}, ${decay.text} (${size}, alert at ${alert})`;
  if (drifted !== undefined && drifted.length === 0) {
    return {
      ...common, kind: DriftKind.CONCEPT_DRIFT,
      explanation: `${head}, while its input features did not drift: the relation between inputs and labels changed (concept drift).`,
      recommendedAction: `Retrain with labelled data from after ${since} (older examples of ${labels} now mislead the model) and keep collecting labels for ${labels} to confirm the change.`,
    };
  }
  const inputs = drifted === undefined ? 'the inputs could not be compared with a reference' : `input features ${drifted.join(', ')} drifted in the same window`;
  return {
    ...common, kind: DriftKind.PERFORMANCE,
    explanation: `${head}; ${inputs}.`,
    recommendedAction: drifted === undefined
      ? `Collect labels for ${labels} and compare its inputs with a reference profile; if the data is genuine, retrain with data after ${since}.`
      : `Fix upstream data problems in ${drifted.join(', ')} first (see the data-drift findings); if the new inputs are genuine, retrain with labelled data after ${since}.`,
  };
}

export function toPerformanceEvaluations(ctx: FindingContext, driftedInputs: DriftedInputs): Evaluation[] {
  const out: Evaluation[] = [];
  const regression = ctx.spec.prediction.type === 'regression';
  for (const w of ctx.windows) {
    const decay = regression ? errorDecay(ctx, w) : accuracyDecay(ctx, w);
    if (decay === undefined) continue;
    const limit = ctx.spec.alerts.performanceDrop;
    const fired = decay.value >= limit && decay.pValue <= ctx.spec.drift.alpha;
    const evaluation = { topic: 'performance', slice: w.slice, margin: fired ? toMargin(decay.value, limit, 'above') : Math.min(toMargin(decay.value, limit, 'above'), 0.99) };
    out.push(fired ? { ...evaluation, finding: toFinding(ctx, w, decay, driftedInputs(w.slice)) } : evaluation);
  }
  return out;
}
