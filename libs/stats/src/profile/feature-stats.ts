import { StatsError, statsErrorCodes } from '../errors.ts';
import { createCategoryCounts, diffCategoryCounts, mergeCategoryCounts, recordCategory } from '../accumulators/category-counts.ts';
import type { CategoryCountsState, CategoryLookup } from '../accumulators/category-counts.ts';
import { createCounts, diffCounts, mergeCounts } from '../accumulators/counts.ts';
import type { CountsState } from '../accumulators/counts.ts';
import { createSmallDomain, diffSmallDomains, mergeSmallDomains, recordSmallDomain } from '../accumulators/small-domain.ts';
import type { SmallDomainState } from '../accumulators/small-domain.ts';
import { createExtrema, mergeExtrema, recordExtrema } from '../accumulators/extrema.ts';
import type { ExtremaState } from '../accumulators/extrema.ts';
import { createHistogram, diffHistograms, mergeHistograms, recordHistogram } from '../accumulators/histogram.ts';
import type { HistogramState } from '../accumulators/histogram.ts';
import { createMoments, diffMoments, mergeMoments, recordMoments } from '../accumulators/moments.ts';
import type { MomentsState } from '../accumulators/moments.ts';
import { createQuantileSketch, diffQuantileSketches, mergeQuantileSketches, recordQuantile } from '../accumulators/quantile-sketch.ts';
import type { QuantileSketchOptions, QuantileSketchState } from '../accumulators/quantile-sketch.ts';

/**
 * Window statistics of one numeric feature: what the aggregator folds per record and what the
 * detector compares with the reference profile. The histogram uses the reference profile's edges.
 */
export interface NumericFeatureStats {
  readonly kind: 'numeric';
  counts: CountsState;
  moments: MomentsState;
  extrema: ExtremaState;
  histogram: HistogramState;
  sketch: QuantileSketchState;
  /** Exact per-value counts while the feature has ≤ 21 distinct values. */
  domain: SmallDomainState;
}

/** Window statistics of one categorical or boolean feature (booleans use `["false", "true"]`). */
export interface CategoricalFeatureStats {
  readonly kind: 'categorical';
  counts: CountsState;
  categories: CategoryCountsState;
}

/** Either kind. */
export type FeatureStats = NumericFeatureStats | CategoricalFeatureStats;

/** Empty numeric statistics on fixed histogram `edges`. */
export function createNumericFeatureStats(edges: readonly number[], sketch: QuantileSketchOptions = {}): NumericFeatureStats {
  return {
    kind: 'numeric',
    counts: createCounts(),
    moments: createMoments(),
    extrema: createExtrema(),
    histogram: createHistogram(edges),
    sketch: createQuantileSketch(sketch),
    domain: createSmallDomain(),
  };
}

/** Empty categorical statistics over a fixed vocabulary (values outside go to "other"). */
export function createCategoricalFeatureStats(categories: readonly string[]): CategoricalFeatureStats {
  return { kind: 'categorical', counts: createCounts(), categories: createCategoryCounts(categories) };
}

/**
 * Mutates `state` with one value. `undefined`, NaN and ±Infinity count as missing (Evidently drops
 * them before every statistic); the quality counters report the reason separately.
 */
export function recordNumericFeature(state: NumericFeatureStats, value: number | undefined): void {
  if (value === undefined || !Number.isFinite(value)) {
    state.counts.missing += 1;
    return;
  }
  state.counts.count += 1;
  recordMoments(state.moments, value);
  recordExtrema(state.extrema, value);
  recordHistogram(state.histogram, value);
  recordQuantile(state.sketch, value);
  recordSmallDomain(state.domain, value);
}

/** Mutates `state` with one category (or boolean as `"true"`/`"false"`); `undefined` is missing. */
export function recordCategoricalFeature(state: CategoricalFeatureStats, lookup: CategoryLookup, value: string | undefined): void {
  if (value === undefined) {
    state.counts.missing += 1;
    return;
  }
  state.counts.count += 1;
  recordCategory(state.categories, lookup, value);
}

function mismatch(): StatsError {
  return new StatsError(statsErrorCodes.incompatibleState, 'feature stats: kinds differ');
}

/** Merges two window statistics of the same feature (same edges or vocabulary). */
export function mergeFeatureStats(a: FeatureStats, b: FeatureStats): FeatureStats {
  if (a.kind === 'numeric') {
    if (b.kind !== 'numeric') throw mismatch();
    return {
      kind: 'numeric',
      counts: mergeCounts(a.counts, b.counts),
      moments: mergeMoments(a.moments, b.moments),
      extrema: mergeExtrema(a.extrema, b.extrema),
      histogram: mergeHistograms(a.histogram, b.histogram),
      sketch: mergeQuantileSketches(a.sketch, b.sketch),
      domain: mergeSmallDomains(a.domain, b.domain),
    };
  }
  if (b.kind !== 'categorical') throw mismatch();
  return { kind: 'categorical', counts: mergeCounts(a.counts, b.counts), categories: mergeCategoryCounts(a.categories, b.categories) };
}

/**
 * `cur − prev` (e.g. to remove one person's erased records). Counts, moments, histogram, sketch,
 * small domain and category counts are subtracted; extrema cannot be and are kept from `cur` as
 * bounds.
 */
export function diffFeatureStats(prev: FeatureStats, cur: FeatureStats): FeatureStats {
  if (cur.kind === 'numeric') {
    if (prev.kind !== 'numeric') throw mismatch();
    return {
      kind: 'numeric',
      counts: diffCounts(prev.counts, cur.counts),
      moments: diffMoments(prev.moments, cur.moments),
      extrema: { ...cur.extrema },
      histogram: diffHistograms(prev.histogram, cur.histogram),
      sketch: diffQuantileSketches(prev.sketch, cur.sketch),
      domain: diffSmallDomains(prev.domain, cur.domain),
    };
  }
  if (prev.kind !== 'categorical') throw mismatch();
  return { kind: 'categorical', counts: diffCounts(prev.counts, cur.counts), categories: diffCategoryCounts(prev.categories, cur.categories) };
}
