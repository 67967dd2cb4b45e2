import { toCategoryLookup } from '../../src/accumulators/category-counts.ts';
import { createQuantileSketch, recordQuantile } from '../../src/accumulators/quantile-sketch.ts';
import {
  createCategoricalFeatureStats, createNumericFeatureStats, recordCategoricalFeature, recordNumericFeature,
} from '../../src/profile/feature-stats.ts';
import type { FeatureStats } from '../../src/profile/feature-stats.ts';
import { toQuantileEdges } from '../../src/profile/profile-builder.ts';

/** Reference-quantile edges (deciles) of a numeric sample, as the profile builder fixes them. */
export function decileEdges(sample: readonly number[]): number[] {
  const sketch = createQuantileSketch();
  for (const x of sample) recordQuantile(sketch, x);
  return toQuantileEdges(sketch, 10);
}

/** Window statistics of a numeric sample on given edges. */
export function numericStats(sample: readonly number[], edges: readonly number[]): FeatureStats {
  const s = createNumericFeatureStats(edges);
  for (const x of sample) recordNumericFeature(s, x);
  return s;
}

/** Window statistics of a categorical sample over a vocabulary. */
export function categoricalStats(sample: readonly string[], vocabulary: readonly string[]): FeatureStats {
  const s = createCategoricalFeatureStats(vocabulary);
  const lookup = toCategoryLookup(vocabulary);
  for (const x of sample) recordCategoricalFeature(s, lookup, x);
  return s;
}
