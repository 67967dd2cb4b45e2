// Data quality: missing, wrong-type, out-of-range and unseen-category rates per feature (pii
// included: only counts are used) and slice-window, against the spec's `alerts.*` thresholds on
// top of the rate the reference already had (docs/detector.md, "Data quality").
import { DriftKind } from '@driftline/schemas';
import type { FeatureDeclaration } from '@driftline/schemas';
import type { QualityCountsState } from '@driftline/stats';
import type { Evaluation } from './finding.ts';
import type { FindingContext } from './finding-context.ts';
import { OVERALL_SLICE, toReferenceProfile, toWhereText } from './finding-context.ts';
import { toMargin, toSeverity } from './severity.ts';
import { toCountText, toPercentText } from './text-format.ts';
import { toIsoTime } from '../iso-time.ts';

type QualityField = 'missing' | 'wrongType' | 'outOfRange' | 'unseenCategory';

interface QualityCheck {
  readonly field: QualityField;
  readonly statistic: string;
  /** "are missing" */
  readonly what: (feature: FeatureDeclaration) => string;
  readonly action: (feature: FeatureDeclaration, records: string, since: string) => string;
}

function rangeText(f: FeatureDeclaration): string {
  return `[${f.range?.min ?? '-∞'}, ${f.range?.max ?? '∞'}]`;
}

const checks: readonly QualityCheck[] = [
  {
    field: 'missing', statistic: 'missing-rate', what: () => 'are missing',
    action: (f, records, since) => `Check the upstream producer of ${f.name} for ${records} since ${since}: a failed join, a new default or a schema change can drop the value.`,
  },
  {
    field: 'wrongType', statistic: 'wrong-type-rate', what: (f) => `have the wrong type (the spec says ${f.type})`,
    action: (f, records, since) => `Fix the serializer of ${f.name} at the producer of ${records} (a type changed around ${since}); values of the wrong type are left out of every statistic.`,
  },
  {
    field: 'outOfRange', statistic: 'out-of-range-rate', what: (f) => `are outside the declared range ${rangeText(f)}`,
    action: (f, records, since) => `Check the units and encoding of ${f.name} at the producer of ${records} since ${since}; if the new range is legitimate, widen range in the monitor spec and retrain with data after ${since}.`,
  },
  {
    field: 'unseenCategory', statistic: 'unseen-category-rate', what: () => 'are categories the spec does not declare',
    action: (f, records, since) => `If the new values of ${f.name} in ${records} since ${since} are legitimate, add them to the feature's categories in the monitor spec and retrain with data that has them; else fix the producer's mapping.`,
  },
];

/** The threshold of a check from the spec (wrong types share the out-of-range threshold). */
function limitOf(alerts: FindingContext['spec']['alerts'], field: QualityField): number {
  switch (field) {
    case 'missing': return alerts.missingRate;
    case 'wrongType': return alerts.outOfRangeRate;
    case 'outOfRange': return alerts.outOfRangeRate;
    case 'unseenCategory': return alerts.unseenCategoryRate;
  }
}

function applies(f: FeatureDeclaration, field: QualityField): boolean {
  if (field === 'outOfRange') return f.type === 'numeric' && f.range !== undefined;
  if (field === 'unseenCategory') return f.type === 'categorical' && f.categories !== undefined;
  return true;
}

function rateOf(q: QualityCountsState | undefined, field: QualityField): number {
  return q === undefined || q.total === 0 ? 0 : q[field] / q.total;
}

export function toDataQualityEvaluations(ctx: FindingContext): Evaluation[] {
  const { alerts } = ctx.spec;
  const out: Evaluation[] = [];
  for (const w of ctx.windows) {
    const reference = toReferenceProfile(ctx, w.slice) ?? ctx.baseline?.overall;
    const since = toIsoTime(w.start);
    const records = w.slice === OVERALL_SLICE ? 'all records' : `records of ${w.slice}`;
    for (const f of ctx.spec.features) {
      const q = w.stats.quality[f.name];
      if (q === undefined || q.total < alerts.minEvidence) continue;
      const refQuality = reference?.features[f.name]?.quality;
      for (const check of checks) {
        if (!applies(f, check.field)) continue;
        const rate = rateOf(q, check.field);
        const refRate = rateOf(refQuality, check.field);
        const threshold = refRate + limitOf(alerts, check.field);
        const margin = toMargin(rate, threshold, 'above');
        const evaluation = { topic: `data-quality|${f.name}|${check.statistic}`, slice: w.slice, margin };
        if (rate < threshold || rate <= refRate) { out.push(evaluation); continue; }
        out.push({
          ...evaluation,
          finding: {
            kind: DriftKind.DATA_QUALITY, slice: w.slice, feature: f.name, statistic: check.statistic, value: rate, threshold,
            severity: toSeverity(rate, threshold, 'above'), referenceSize: refQuality?.total ?? 0, currentSize: q.total,
            explanation: `${toPercentText(rate)} of ${f.name} values ${check.what(f)} ${toWhereText(w.slice)} in the window from ${since} (${toCountText(q[check.field])} of ${toCountText(q.total)} records; reference ${toPercentText(refRate)}, alert at ${toPercentText(threshold)}).`,
            recommendedAction: check.action(f, records, since),
          },
        });
      }
    }
  }
  return out;
}
