// Slice mix: per slice key, each slice's share of the overall window's records against its share
// of the reference rows: PSI ≥ 0.1 and a chi-square test at `drift.alpha`; one finding per drifted
// key, naming the values that moved most (docs/detector.md, "Slice mix").
import { DriftKind } from '@driftline/schemas';
import { driftFromFeatureStats, toCategoricalFromCounts } from '@driftline/stats';
import type { Evaluation } from './finding.ts';
import type { FindingContext } from './finding-context.ts';
import { OVERALL_SLICE, toDecodedSlice, toSliceKey } from './finding-context.ts';
import { toMargin, toSeverity } from './severity.ts';
import { toCountText, toNumberText, toPercentText } from './text-format.ts';
import { toIsoTime } from '../iso-time.ts';

/** PSI of the slice shares above which the mix changed. */
export const SLICE_MIX_PSI_THRESHOLD = 0.1;

/** Records of slices not visible in the window (k-anonymity) or without a value for the key. */
const REST = '\u0000rest';

export function toSliceMixEvaluations(ctx: FindingContext): Evaluation[] {
  const overall = ctx.windows.find((w) => w.slice === OVERALL_SLICE);
  const baseline = ctx.baseline;
  if (overall === undefined || baseline === undefined || baseline.overall.rows === 0 || overall.records < ctx.spec.alerts.minEvidence) return [];
  const out: Evaluation[] = [];
  for (const key of ctx.spec.slices.keys) {
    // Buckets: the slices of this key visible in the window; everything else is the rest, on both sides.
    const current: Record<string, number> = {};
    const ids = new Map<string, string>();
    let seen = 0;
    for (const w of ctx.windows) {
      if (toSliceKey(w.slice) !== key) continue;
      const id = toDecodedSlice(w.slice);
      current[id] = w.records;
      ids.set(id, w.slice);
      seen += w.records;
    }
    if (ids.size === 0) continue;
    current[REST] = Math.max(0, overall.records - seen);
    const reference: Record<string, number> = { [REST]: baseline.overall.rows };
    for (const [id, profile] of Object.entries(baseline.slices)) {
      if (!ids.has(id)) continue;
      reference[id] = profile.rows;
      reference[REST] = (reference[REST] ?? 0) - profile.rows;
    }
    reference[REST] = Math.max(0, reference[REST] ?? 0);
    const vocabulary = [...ids.keys(), REST];
    const ref = toCategoricalFromCounts(reference, vocabulary);
    const cur = toCategoricalFromCounts(current, vocabulary);
    const psi = driftFromFeatureStats(ref, cur, { method: 'psi', threshold: SLICE_MIX_PSI_THRESHOLD });
    const chi = driftFromFeatureStats(ref, cur, { method: 'chisquare', threshold: ctx.spec.drift.alpha });
    const fired = psi.drift && chi.drift;
    const margin = toMargin(psi.score, SLICE_MIX_PSI_THRESHOLD, 'above');
    const evaluation = { topic: `slice-mix|${key}`, slice: OVERALL_SLICE, margin: fired ? margin : Math.min(margin, 0.99) };
    if (!fired) { out.push(evaluation); continue; }
    const share = (counts: Readonly<Record<string, number>>, total: number, id: string): number => (total === 0 ? 0 : (counts[id] ?? 0) / total);
    const moves = [...ids.keys()]
      .map((id) => ({ id, from: share(reference, baseline.overall.rows, id), to: share(current, overall.records, id) }))
      .sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from))
      .slice(0, 3);
    const grown = moves.filter((m) => m.to > m.from).map((m) => ids.get(m.id) ?? m.id);
    const since = toIsoTime(overall.start);
    out.push({
      ...evaluation,
      finding: {
        kind: DriftKind.SLICE_MIX, slice: OVERALL_SLICE, feature: key, statistic: 'slice-share-psi', value: psi.score, threshold: SLICE_MIX_PSI_THRESHOLD,
        severity: toSeverity(psi.score, SLICE_MIX_PSI_THRESHOLD, 'above'), referenceSize: baseline.overall.rows, currentSize: overall.records,
        explanation: `The mix of traffic over ${key} changed in the window from ${since}: ${moves.map((m) => `${ids.get(m.id) ?? m.id} ${toPercentText(m.to)} of records (reference ${toPercentText(m.from)})`).join(', ')}; PSI ${toNumberText(psi.score)} (threshold ${SLICE_MIX_PSI_THRESHOLD}) over ${toCountText(overall.records)} records.`,
        recommendedAction: `Check whether routing, a client release or the population changed${grown.length === 0 ? '' : ` for ${grown.join(', ')}`}; the model learnt the old mix, so check its accuracy${grown.length === 0 ? '' : ` on ${grown.join(', ')}`} and retrain with data after ${since} if the new mix persists.`,
      },
    });
  }
  return out;
}
