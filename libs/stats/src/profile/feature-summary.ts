import { toCategoryFrequencies } from '../accumulators/category-counts.ts';
import { toMomentsSummary } from '../accumulators/moments.ts';
import { toQuantile } from '../accumulators/quantile-sketch.ts';
import type { FeatureStats } from './feature-stats.ts';

/** Human-facing summary of one feature's statistics (reports, drift events). */
export type FeatureSummary =
  | {
      readonly kind: 'numeric';
      readonly count: number;
      readonly missingRate: number;
      readonly mean: number;
      readonly std: number;
      readonly min: number;
      readonly max: number;
      /** Sketch quantiles at 5 %, 25 %, 50 %, 75 %, 95 % (relative error ≤ α); empty without values. */
      readonly quantiles: readonly { readonly q: number; readonly value: number }[];
    }
  | {
      readonly kind: 'categorical';
      readonly count: number;
      readonly missingRate: number;
      /** Share of present values per category, "other" under `__other__`. */
      readonly shares: Readonly<Record<string, number>>;
    };

const summaryQuantiles = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Summarises window or reference statistics. */
export function toFeatureSummary(stats: FeatureStats): FeatureSummary {
  const { count, missing } = stats.counts;
  const missingRate = count + missing === 0 ? 0 : missing / (count + missing);
  if (stats.kind === 'categorical') {
    const shares: Record<string, number> = {};
    for (const [k, v] of toCategoryFrequencies(stats.categories)) shares[k] = count === 0 ? 0 : v / count;
    return { kind: 'categorical', count, missingRate, shares };
  }
  const m = toMomentsSummary(stats.moments);
  return {
    kind: 'numeric',
    count,
    missingRate,
    mean: m.mean,
    std: m.std,
    min: stats.extrema.min,
    max: stats.extrema.max,
    quantiles: stats.sketch.count === 0 ? [] : summaryQuantiles.map((q) => ({ q, value: toQuantile(stats.sketch, q) })),
  };
}
