import { StatsError, statsErrorCodes } from '../errors.ts';
import type { QualityVerdict } from './check-value.ts';

/** Per-feature verdict counters. Plain data; merge and diff are exact. */
export interface QualityCountsState {
  total: number;
  ok: number;
  missing: number;
  wrongType: number;
  outOfRange: number;
  unseenCategory: number;
}

const fields = ['total', 'ok', 'missing', 'wrongType', 'outOfRange', 'unseenCategory'] as const;

/** Empty counters. */
export function createQualityCounts(): QualityCountsState {
  return { total: 0, ok: 0, missing: 0, wrongType: 0, outOfRange: 0, unseenCategory: 0 };
}

/** Mutates `state`: counts one verdict. */
export function recordQuality(state: QualityCountsState, verdict: QualityVerdict): void {
  state.total += 1;
  switch (verdict) {
    case 'ok':
      state.ok += 1;
      break;
    case 'missing':
      state.missing += 1;
      break;
    case 'wrong_type':
      state.wrongType += 1;
      break;
    case 'out_of_range':
      state.outOfRange += 1;
      break;
    case 'unseen_category':
      state.unseenCategory += 1;
      break;
  }
}

/** Field-wise sum. */
export function mergeQualityCounts(a: QualityCountsState, b: QualityCountsState): QualityCountsState {
  const out = createQualityCounts();
  for (const f of fields) out[f] = a[f] + b[f];
  return out;
}

/** Field-wise `cur − prev`; throws `DL_STATS_NEGATIVE_COUNT` if a field would go negative. */
export function diffQualityCounts(prev: QualityCountsState, cur: QualityCountsState): QualityCountsState {
  const out = createQualityCounts();
  for (const f of fields) {
    out[f] = cur[f] - prev[f];
    if (out[f] < 0) throw new StatsError(statsErrorCodes.negativeCount, `diffQualityCounts: ${f} would be negative`);
  }
  return out;
}

/** Shares of each problem among all values seen (0 when nothing was seen). */
export function toQualitySummary(state: QualityCountsState): {
  readonly total: number;
  readonly missingRate: number;
  readonly wrongTypeRate: number;
  readonly outOfRangeRate: number;
  readonly unseenCategoryRate: number;
} {
  const share = (x: number): number => (state.total === 0 ? 0 : x / state.total);
  return {
    total: state.total,
    missingRate: share(state.missing),
    wrongTypeRate: share(state.wrongType),
    outOfRangeRate: share(state.outOfRange),
    unseenCategoryRate: share(state.unseenCategory),
  };
}
