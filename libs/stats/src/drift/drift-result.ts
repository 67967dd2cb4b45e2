import { defaultDriftThresholds, isDrift } from './methods.ts';
import type { DriftMethod, DriftThreshold } from './methods.ts';

/** Outcome of one drift statistic on one feature. */
export interface DriftResult {
  readonly method: DriftMethod;
  /** The compared value: a distance, or a p-value for KS, chi-square and Z. */
  readonly score: number;
  /** The test statistic behind a p-value (D, χ², z); equals `score` for distances. */
  readonly statistic: number;
  readonly threshold: DriftThreshold;
  readonly drift: boolean;
  /** True when the value is an approximation (computed from sketches or histograms). */
  readonly approximate: boolean;
}

/** Builds a {@link DriftResult} with the default or given threshold. */
export function toDriftResult(options: {
  readonly method: DriftMethod;
  readonly score: number;
  readonly statistic?: number;
  readonly threshold?: number | undefined;
  readonly approximate?: boolean;
}): DriftResult {
  const base = defaultDriftThresholds[options.method];
  const threshold = options.threshold === undefined ? base : { threshold: options.threshold, rule: base.rule };
  return {
    method: options.method,
    score: options.score,
    statistic: options.statistic ?? options.score,
    threshold,
    drift: isDrift(options.score, threshold),
    approximate: options.approximate ?? false,
  };
}
