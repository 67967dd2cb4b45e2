// The pure core of the detector's window tests: one closed version-window (overall and every
// slice above the k-anonymity floor) against the reference, to findings (docs/detector.md,
// "Window findings").
import type { MonitorSpecDocument } from '@driftline/schemas';
import type { BaselineDocument } from '@driftline/stats';
import { toAttributedFindings } from './attribution.ts';
import { toCorrelationEvaluations } from './correlation.ts';
import { toDataDriftEvaluations } from './data-drift.ts';
import { toDataQualityEvaluations } from './data-quality.ts';
import { toFairnessEvaluations } from './fairness.ts';
import type { Evaluation, Finding, FindingPass } from './finding.ts';
import type { BehaviourSet, FindingContext } from './finding-context.ts';
import { toLabelDriftEvaluations } from './label-drift.ts';
import { toPerformanceEvaluations } from './performance.ts';
import { toPredictionDriftEvaluations } from './prediction-drift.ts';
import { toSliceMixEvaluations } from './slice-mix.ts';
import { invalidWindow } from './window-input-error.ts';
import type { WindowSnapshot } from './window-snapshot.ts';

export interface WindowFindingsInput {
  readonly spec: MonitorSpecDocument;
  /** The published baseline (`parseBaselineDocument`); without it only reference-free tests run. */
  readonly baseline?: BaselineDocument | undefined;
  /** Every visible slice-window of one model version and window start, overall included. */
  readonly windows: readonly WindowSnapshot[];
  /** Outcome and correlation reference for what the baseline lacks (`toBurnInBehaviour`). */
  readonly burnIn?: BehaviourSet | undefined;
  /** Only the findings of one pass (`inputs`: predictions are final; `outcomes`: labels are); default both. */
  readonly pass?: FindingPass | undefined;
}

function driftedInputs(dataDrift: readonly Evaluation[]): (slice: string) => readonly string[] | undefined {
  return (slice) => {
    const here = dataDrift.filter((e) => e.slice === slice);
    if (here.length === 0) return undefined;
    return here.flatMap((e) => (e.finding?.feature === undefined || e.finding.feature === null ? [] : [e.finding.feature]));
  };
}

const order = (a: Finding, b: Finding): number =>
  a.kind.localeCompare(b.kind) || a.slice.localeCompare(b.slice) || (a.feature ?? '').localeCompare(b.feature ?? '') || a.statistic.localeCompare(b.statistic);

/** Findings of one closed version-window, attributed (each change once) and in a stable order. */
export function toWindowFindings(input: WindowFindingsInput): Finding[] {
  const head = input.windows[0];
  if (head === undefined) return [];
  input.windows.forEach((w, i) => {
    if (w.version !== head.version || w.start !== head.start) invalidWindow(`windows[${i}]`, `version "${head.version}" and start ${head.start}, like windows[0]`);
  });
  const ctx: FindingContext = { spec: input.spec, baseline: input.baseline, burnIn: input.burnIn, windows: input.windows };
  const dataDrift = toDataDriftEvaluations(ctx);
  const evaluations: Evaluation[] = [];
  if (input.pass !== 'outcomes') {
    evaluations.push(...dataDrift, ...toPredictionDriftEvaluations(ctx), ...toDataQualityEvaluations(ctx), ...toCorrelationEvaluations(ctx), ...toSliceMixEvaluations(ctx));
  }
  if (input.pass !== 'inputs') {
    evaluations.push(...toPerformanceEvaluations(ctx, driftedInputs(dataDrift)), ...toLabelDriftEvaluations(ctx), ...toFairnessEvaluations(ctx));
  }
  return toAttributedFindings(evaluations).sort(order);
}
