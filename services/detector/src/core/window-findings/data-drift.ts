// Data drift: every non-pii feature of every slice-window against the slice's own reference
// profile, one multiple-testing family per slice-window (docs/detector.md, "Data drift").
import { DriftKind } from '@driftline/schemas';
import { toDriftOverrides } from '@driftline/stats';
import type { DriftCase } from './drift-family.ts';
import { runDriftFamily, toChangeText } from './drift-family.ts';
import type { Evaluation } from './finding.ts';
import type { FindingContext } from './finding-context.ts';
import { OVERALL_SLICE, toReferenceProfile, toWhereText } from './finding-context.ts';
import { toSeverity } from './severity.ts';
import { toCountText } from './text-format.ts';
import { toIsoTime } from '../iso-time.ts';

function toDataDriftTopic(feature: string): string {
  return `data-drift|${feature}`;
}

export function toDataDriftEvaluations(ctx: FindingContext): Evaluation[] {
  const { drift } = ctx.spec;
  const overrides = toDriftOverrides(ctx.spec.features);
  const out: Evaluation[] = [];
  for (const w of ctx.windows) {
    const reference = toReferenceProfile(ctx, w.slice);
    if (reference === undefined || w.records < drift.minSamples) continue;
    const cases: DriftCase[] = [];
    for (const f of ctx.spec.features) {
      const ref = reference.stats[f.name];
      const cur = w.stats.features[f.name];
      if (f.pii || ref === undefined || cur === undefined) continue;
      if (ref.counts.count < drift.minSamples || cur.counts.count < drift.minSamples) continue;
      cases.push({ name: f.name, reference: ref, current: cur, options: overrides[f.name] ?? {} });
    }
    const since = toIsoTime(w.start);
    for (const t of runDriftFamily(cases, drift)) {
      const evaluation = { topic: toDataDriftTopic(t.name), slice: w.slice, margin: t.margin };
      if (!t.drift) { out.push(evaluation); continue; }
      const records = w.slice === OVERALL_SLICE ? 'all records' : `records of ${w.slice}`;
      out.push({
        ...evaluation,
        finding: {
          kind: DriftKind.DATA_DRIFT, slice: w.slice, feature: t.name, statistic: t.statistic, value: t.value, threshold: t.threshold,
          severity: toSeverity(t.value, t.threshold, t.rule), referenceSize: t.reference.counts.count, currentSize: t.current.counts.count,
          explanation: `Feature ${t.name} drifted ${toWhereText(w.slice)} in the window from ${since}: ${t.measureText} between ${toCountText(t.current.counts.count)} window values and ${toCountText(t.reference.counts.count)} reference values; ${toChangeText(t.reference, t.current)}.`,
          recommendedAction: `Check the upstream producer of ${t.name} for ${records} since ${since} (units, default values, joins, schema changes); if the new values are genuine, retrain with data after ${since}.`,
        },
      });
    }
  }
  return out;
}
