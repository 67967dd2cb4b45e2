import { toCategoryLookup } from '../accumulators/category-counts.ts';
import type { CategoryLookup } from '../accumulators/category-counts.ts';
import type { FeatureSpec } from '../quality/feature-spec.ts';
import { createCategoricalFeatureStats, createNumericFeatureStats, recordCategoricalFeature, recordNumericFeature } from './feature-stats.ts';
import type { FeatureStats } from './feature-stats.ts';
import { toCategoryValue, toNumericValue } from './feature-values.ts';

/** Per-feature statistics of one window (or one profile pass), keyed by feature name. */
export type WindowStats = Record<string, FeatureStats>;

/** Empty statistics with the same shape (edges, vocabulary, sketch parameters) as `stats`. */
export function createFeatureStatsLike(stats: FeatureStats): FeatureStats {
  if (stats.kind === 'categorical') return createCategoricalFeatureStats(stats.categories.categories);
  return createNumericFeatureStats(stats.histogram.edges, { alpha: stats.sketch.alpha, maxBins: stats.sketch.maxBins });
}

/** Empty window statistics shaped like a reference profile's (so windows and reference compare). */
export function createWindowStatsLike(reference: Readonly<WindowStats>): WindowStats {
  const out: WindowStats = {};
  for (const [name, stats] of Object.entries(reference)) out[name] = createFeatureStatsLike(stats);
  return out;
}

/** Precomputed lookups for {@link recordWindowRow}; build once per window shape. */
export interface WindowRecorder {
  readonly specs: readonly FeatureSpec[];
  readonly lookups: ReadonlyMap<string, CategoryLookup>;
}

/** Builds the lookups for the categorical features of `stats`. */
export function createWindowRecorder(specs: readonly FeatureSpec[], stats: Readonly<WindowStats>): WindowRecorder {
  const lookups = new Map<string, CategoryLookup>();
  for (const spec of specs) {
    const s = stats[spec.name];
    if (s?.kind === 'categorical') lookups.set(spec.name, toCategoryLookup(s.categories.categories));
  }
  return { specs, lookups };
}

/**
 * Mutates `stats` with one record's features (the aggregator's hot path). Features without
 * statistics in `stats` (e.g. `pii` features) are skipped.
 */
export function recordWindowRow(stats: WindowStats, recorder: WindowRecorder, row: Readonly<Record<string, unknown>>): void {
  for (const spec of recorder.specs) {
    const s = stats[spec.name];
    if (s === undefined) continue;
    const value = row[spec.name];
    if (s.kind === 'numeric') recordNumericFeature(s, toNumericValue(value));
    else {
      const lookup = recorder.lookups.get(spec.name);
      if (lookup !== undefined) recordCategoricalFeature(s, lookup, toCategoryValue(value, spec.type === 'boolean' ? 'boolean' : 'categorical'));
    }
  }
}
