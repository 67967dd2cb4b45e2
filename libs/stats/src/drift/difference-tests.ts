import { assertArgument } from '../errors.ts';
import { normalCdf } from '../math/gamma.ts';

/** A z statistic and its two-sided p-value 2·(1 − Φ(|z|)). */
export interface ZTestResult {
  readonly statistic: number;
  readonly pValue: number;
}

function twoSided(z: number): ZTestResult {
  return { statistic: z, pValue: Number.isFinite(z) ? 2 * (1 - normalCdf(Math.abs(z))) : 0 };
}

/**
 * Difference of two correlations from independent samples (Fisher 1921): z = (atanh r_c − atanh r_r)
 * / √(1/(n_r − 3) + 1/(n_c − 3)). Needs n ≥ 4 on each side; r is clamped to ±(1 − 1e−12).
 */
export function fisherZTest(reference: { readonly r: number; readonly n: number }, current: { readonly r: number; readonly n: number }): ZTestResult {
  assertArgument(reference.n >= 4 && current.n >= 4, 'fisherZTest: needs at least 4 pairs on each side');
  const clamp = (r: number): number => Math.max(-1 + 1e-12, Math.min(1 - 1e-12, r));
  const z = (Math.atanh(clamp(current.r)) - Math.atanh(clamp(reference.r))) / Math.sqrt(1 / (reference.n - 3) + 1 / (current.n - 3));
  return twoSided(z);
}

/** Mean, variance (ddof 0) and size of one sample. */
export interface SampleMoments {
  readonly mean: number;
  readonly variance: number;
  readonly n: number;
}

/**
 * Large-sample (Welch) z-test for a difference of means: z = (m_c − m_r)/√(v_r/n_r + v_c/n_c).
 * Both variances 0 give z = 0 when the means are equal, else ±∞ (p = 0).
 */
export function zTestMeans(reference: SampleMoments, current: SampleMoments): ZTestResult {
  assertArgument(reference.n >= 2 && current.n >= 2, 'zTestMeans: needs at least 2 values on each side');
  const se = Math.sqrt(reference.variance / reference.n + current.variance / current.n);
  const diff = current.mean - reference.mean;
  if (se === 0) return twoSided(diff === 0 ? 0 : Math.sign(diff) * Infinity);
  return twoSided(diff / se);
}
