// Correlation changes: Pearson's r of each numeric feature with the prediction score in a
// slice-window against the slice's reference r (Fisher z-test, one multiple-testing family per
// slice-window) and at least 0.2 apart (docs/detector.md, "Correlation").
import { DriftKind } from '@driftline/schemas';
import { fisherZTest, toPearson } from '@driftline/stats';
import type { Evaluation } from './finding.ts';
import type { FindingContext, ReferenceSource } from './finding-context.ts';
import { OVERALL_SLICE, toReferenceCoMoments, toSourceText, toWhereText } from './finding-context.ts';
import { toRejections } from './multiple-testing.ts';
import { toMargin, toSeverity } from './severity.ts';
import { toCountText, toNumberText } from './text-format.ts';
import { toIsoTime } from '../iso-time.ts';

/** Smallest change of r worth an alert, however significant. */
export const CORRELATION_MIN_CHANGE = 0.2;

interface Tested {
  readonly feature: string;
  readonly reference: { readonly r: number; readonly n: number; readonly source: ReferenceSource };
  readonly current: { readonly r: number; readonly n: number };
  readonly pValue: number;
}

export function toCorrelationEvaluations(ctx: FindingContext): Evaluation[] {
  const minEvidence = Math.max(ctx.spec.alerts.minEvidence, 4);
  const numeric = ctx.spec.features.filter((f) => f.type === 'numeric' && !f.pii).map((f) => f.name);
  const out: Evaluation[] = [];
  for (const w of ctx.windows) {
    const tested: Tested[] = [];
    for (const feature of numeric) {
      const m = w.stats.coMoments[feature];
      const r = m === undefined || m.n < minEvidence ? undefined : toPearson(m);
      if (m === undefined || r === undefined) continue;
      const ref = toReferenceCoMoments(ctx, w.slice, feature, (x) => x.n >= minEvidence && toPearson(x) !== undefined);
      const refR = ref === undefined ? undefined : toPearson(ref.coMoments);
      if (ref === undefined || refR === undefined) continue;
      const reference = { r: refR, n: ref.coMoments.n, source: ref.source };
      tested.push({ feature, reference, current: { r, n: m.n }, pValue: fisherZTest(reference, { r, n: m.n }).pValue });
    }
    const verdicts = toRejections(tested.map((t) => t.pValue), ctx.spec.drift).rejected;
    const since = toIsoTime(w.start);
    tested.forEach((t, i) => {
      const change = Math.abs(t.current.r - t.reference.r);
      const fired = (verdicts[i] ?? false) && change >= CORRELATION_MIN_CHANGE;
      const margin = toMargin(change, CORRELATION_MIN_CHANGE, 'above');
      const evaluation = { topic: `correlation|${t.feature}`, slice: w.slice, margin: fired ? margin : Math.min(margin, 0.99) };
      if (!fired) { out.push(evaluation); return; }
      const records = w.slice === OVERALL_SLICE ? 'all records' : `records of ${w.slice}`;
      out.push({
        ...evaluation,
        finding: {
          kind: DriftKind.CORRELATION, slice: w.slice, feature: t.feature, statistic: 'correlation-change', value: change, threshold: CORRELATION_MIN_CHANGE,
          severity: toSeverity(change, CORRELATION_MIN_CHANGE, 'above'), referenceSize: t.reference.n, currentSize: t.current.n,
          explanation: `The correlation of ${t.feature} with the model's score changed ${toWhereText(w.slice)} in the window from ${since}: r = ${toNumberText(t.current.r)} over ${toCountText(t.current.n)} predictions against ${toNumberText(t.reference.r)} in ${toSourceText(t.reference.source)} (Fisher test p ${toNumberText(t.pValue)}).`,
          recommendedAction: `Check whether ${t.feature} still means the same for ${records} (units, encoding, default values) and whether the deployed model uses it as trained; if the relation changed for real, retrain with data after ${since}.`,
        },
      });
    });
  }
  return out;
}
