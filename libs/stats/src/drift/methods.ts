import { assertArgument } from '../errors.ts';

/** Drift statistics this package computes. */
export const driftMethods = {
  psi: 'psi',
  kl: 'kl_div',
  jensenShannon: 'jensenshannon',
  hellinger: 'hellinger',
  wasserstein: 'wasserstein',
  ks: 'ks',
  chiSquare: 'chisquare',
  zTest: 'z',
  lInfinity: 'linfinity',
} as const;
/** Union of {@link driftMethods}; the names are Evidently's stattest names where one exists. */
export type DriftMethod = (typeof driftMethods)[keyof typeof driftMethods];

/** Feature types of the monitor spec. */
export const featureTypes = { numeric: 'numeric', categorical: 'categorical', boolean: 'boolean' } as const;
/** Union of {@link featureTypes}. */
export type FeatureType = (typeof featureTypes)[keyof typeof featureTypes];

/**
 * How a score is compared with its threshold: `gte` (distance, drift if score ≥ threshold),
 * `lte` / `lt` (p-value, drift if p ≤ / < threshold).
 */
export type DriftRule = 'gte' | 'lte' | 'lt';

/** Threshold and comparison of one statistic. */
export interface DriftThreshold {
  readonly threshold: number;
  readonly rule: DriftRule;
}

/** Evidently's default thresholds and rules; L∞ (absent from Evidently) uses 0.1, drift if ≥. */
export const defaultDriftThresholds: Readonly<Record<DriftMethod, DriftThreshold>> = {
  psi: { threshold: 0.1, rule: 'gte' },
  kl_div: { threshold: 0.1, rule: 'gte' },
  jensenshannon: { threshold: 0.1, rule: 'gte' },
  hellinger: { threshold: 0.1, rule: 'gte' },
  wasserstein: { threshold: 0.1, rule: 'gte' },
  linfinity: { threshold: 0.1, rule: 'gte' },
  ks: { threshold: 0.05, rule: 'lte' },
  chisquare: { threshold: 0.05, rule: 'lt' },
  z: { threshold: 0.05, rule: 'lt' },
};

/** True for statistics whose score is a p-value (these take part in multiple-testing correction). */
export function isPValueMethod(method: DriftMethod): boolean {
  return defaultDriftThresholds[method].rule !== 'gte';
}

/** Applies a threshold rule. NaN never signals drift. */
export function isDrift(score: number, threshold: DriftThreshold): boolean {
  switch (threshold.rule) {
    case 'gte':
      return score >= threshold.threshold;
    case 'lte':
      return score <= threshold.threshold;
    case 'lt':
      return score < threshold.threshold;
  }
}

/** Inputs of {@link chooseDriftMethod}. */
export interface DriftChoiceInput {
  readonly featureType: FeatureType;
  /** Rows in the reference after dropping missing values. */
  readonly referenceSize: number;
  /** Distinct non-missing values in reference ∪ current. */
  readonly uniqueCount: number;
}

/**
 * Evidently's default stattest (`_get_default_stattest`, data drift preset): with ≤ 1000
 * reference rows, numerical with > 5 distinct values → KS; ≤ 2 distinct → Z-test; otherwise
 * chi-square. With > 1000 rows, numerical with > 5 distinct → Wasserstein (normed); otherwise
 * Jensen–Shannon. Booleans are categorical.
 */
export function chooseDriftMethod(input: DriftChoiceInput): DriftMethod {
  assertArgument(input.referenceSize >= 0 && input.uniqueCount >= 0, 'chooseDriftMethod: negative size');
  const numeric = input.featureType === 'numeric';
  if (input.referenceSize <= 1000) {
    if (numeric && input.uniqueCount > 5) return 'ks';
    return input.uniqueCount > 2 ? 'chisquare' : 'z';
  }
  return numeric && input.uniqueCount > 5 ? 'wasserstein' : 'jensenshannon';
}
