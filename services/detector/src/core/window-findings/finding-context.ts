// Everything the rules read for one version-window, and where each reference comes from: the
// slice's own profile from the baseline; outcomes and co-moments from the baseline's behaviour
// section, else from the burn-in windows the runtime passes (docs/detector.md, "References").
import type { MonitorSpecDocument } from '@driftline/schemas';
import type { BaselineDocument, CoMomentsState, OutcomeCountsState, ReferenceBehaviour, ReferenceProfile } from '@driftline/stats';
import type { WindowSnapshot } from './window-snapshot.ts';

export const OVERALL_SLICE = 'overall';

/** Reference behaviour overall and per slice (slice ids decoded, as in the baseline). */
export interface BehaviourSet {
  readonly overall: ReferenceBehaviour;
  readonly slices: Readonly<Record<string, ReferenceBehaviour>>;
}

export interface FindingContext {
  readonly spec: MonitorSpecDocument;
  readonly baseline: BaselineDocument | undefined;
  readonly burnIn: BehaviourSet | undefined;
  /** The visible slice-windows of one version-window, overall included. */
  readonly windows: readonly WindowSnapshot[];
}

/** Where a reference came from, for the explanation. */
export type ReferenceSource = 'baseline' | 'burn-in';

export function toSourceText(source: ReferenceSource): string {
  return source === 'baseline' ? 'the reference data' : 'earlier windows';
}

/** `region=eu` from the aggregator's URI-encoded `region=eu` (the baseline keeps raw values). */
export function toDecodedSlice(slice: string): string {
  if (slice === OVERALL_SLICE) return slice;
  const eq = slice.indexOf('=');
  if (eq < 0) return slice;
  try {
    return `${decodeURIComponent(slice.slice(0, eq))}=${decodeURIComponent(slice.slice(eq + 1))}`;
  } catch {
    return slice;
  }
}

/** The slice key of a slice id (decoded), or undefined for `overall`. */
export function toSliceKey(slice: string): string | undefined {
  if (slice === OVERALL_SLICE) return undefined;
  const decoded = toDecodedSlice(slice);
  const eq = decoded.indexOf('=');
  return eq < 0 ? decoded : decoded.slice(0, eq);
}

/** `across all traffic` or `in slice region=eu`. */
export function toWhereText(slice: string): string {
  return slice === OVERALL_SLICE ? 'across all traffic' : `in slice ${slice}`;
}

/** The slice's own reference profile (overall for `overall`); undefined when the baseline has none. */
export function toReferenceProfile(ctx: FindingContext, slice: string): ReferenceProfile | undefined {
  if (ctx.baseline === undefined) return undefined;
  return slice === OVERALL_SLICE ? ctx.baseline.overall : ctx.baseline.slices[toDecodedSlice(slice)];
}

function behaviourOf(set: BehaviourSet | undefined, slice: string): ReferenceBehaviour | undefined {
  if (set === undefined) return undefined;
  return slice === OVERALL_SLICE ? set.overall : set.slices[toDecodedSlice(slice)];
}

/** The slice's reference outcomes that pass `usable`: the baseline's first, else the burn-in's. */
export function toReferenceOutcomes(
  ctx: FindingContext,
  slice: string,
  usable: (outcomes: OutcomeCountsState) => boolean,
): { readonly outcomes: OutcomeCountsState; readonly source: ReferenceSource } | undefined {
  const fromBaseline = behaviourOf(ctx.baseline?.behaviour, slice)?.outcomes;
  if (fromBaseline !== undefined && usable(fromBaseline)) return { outcomes: fromBaseline, source: 'baseline' };
  const fromBurnIn = behaviourOf(ctx.burnIn, slice)?.outcomes;
  return fromBurnIn !== undefined && usable(fromBurnIn) ? { outcomes: fromBurnIn, source: 'burn-in' } : undefined;
}

/** The slice's reference co-moments of `feature` with the score that pass `usable`: baseline first, else burn-in. */
export function toReferenceCoMoments(
  ctx: FindingContext,
  slice: string,
  feature: string,
  usable: (m: CoMomentsState) => boolean,
): { readonly coMoments: CoMomentsState; readonly source: ReferenceSource } | undefined {
  const fromBaseline = behaviourOf(ctx.baseline?.behaviour, slice)?.coMoments[feature];
  if (fromBaseline !== undefined && usable(fromBaseline)) return { coMoments: fromBaseline, source: 'baseline' };
  const fromBurnIn = behaviourOf(ctx.burnIn, slice)?.coMoments[feature];
  return fromBurnIn !== undefined && usable(fromBurnIn) ? { coMoments: fromBurnIn, source: 'burn-in' } : undefined;
}
