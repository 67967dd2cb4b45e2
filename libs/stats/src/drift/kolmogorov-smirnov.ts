import { StatsError, statsErrorCodes } from '../errors.ts';
import { kolmogorovSf } from '../math/kolmogorov.ts';
import { ksTwoSampleExact } from '../math/ks-two-sample-exact.ts';
import { totalWeight, walkCdfs } from './weighted-sample.ts';
import type { WeightedSample } from './weighted-sample.ts';

/** How the KS p-value is computed (SciPy `ks_2samp` `method`). */
export const ksMethods = { auto: 'auto', exact: 'exact', asymp: 'asymp' } as const;
/** Union of {@link ksMethods}. */
export type KsMethod = (typeof ksMethods)[keyof typeof ksMethods];

/** Result of {@link ksTest}. */
export interface KsResult {
  /** D = sup |F_ref − F_cur| (rounded to the lattice 1/lcm when the exact method ran). */
  readonly statistic: number;
  readonly pValue: number;
  /** The method actually used (auto resolves to exact or asymp; exact may fall back to asymp). */
  readonly method: 'exact' | 'asymp';
}

/** Two-sided D of two weighted samples. */
export function ksStatistic(reference: WeightedSample, current: WeightedSample): number {
  let d = 0;
  walkCdfs(reference, current, (_v, a, b) => {
    d = Math.max(d, Math.abs(a - b));
  });
  return d;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Two-sided p-value of D for sample sizes n1, n2, as `scipy.stats.ks_2samp` (1.17) computes it:
 * `auto` is exact when max(n1, n2) ≤ 10 000; exact falls back to asymptotic when lcm(n1, n2) is
 * too large or the recursion fails; asymptotic is `kstwo.sf(D, round(n1·n2/(n1 + n2)))`.
 */
export function ksPValue(d: number, n1: number, n2: number, method: KsMethod = 'auto'): KsResult {
  if (n1 < 1 || n2 < 1) throw new StatsError(statsErrorCodes.emptySample, 'ksPValue: empty sample');
  let mode: KsMethod = method;
  if (mode === 'auto') mode = Math.max(n1, n2) <= 10_000 ? 'exact' : 'asymp';
  if (mode === 'exact' && Number.isInteger(n1) && Number.isInteger(n2)) {
    let a = n1;
    let b = n2;
    while (b !== 0) [a, b] = [b, a % b];
    if (n1 / a < 2147483647 / (n2 / a)) {
      const exact = ksTwoSampleExact(d, n1, n2);
      if (!Number.isNaN(exact.pValue)) return { statistic: exact.statistic, pValue: exact.pValue, method: 'exact' };
    }
  }
  const en = (n1 * n2) / (n1 + n2);
  const p = kolmogorovSf(roundHalfEven(en), d); // NaN when en rounds to 0, as SciPy
  return { statistic: d, pValue: Math.min(1, Math.max(0, p)), method: 'asymp' };
}

/**
 * Two-sample KS test on weighted samples. On raw samples (weights are counts) this equals SciPy's
 * `ks_2samp`; on quantile-sketch points D is approximate (each point stands for a bucket) and the
 * p-value inherits that error.
 */
export function ksTest(reference: WeightedSample, current: WeightedSample, method: KsMethod = 'auto'): KsResult {
  return ksPValue(ksStatistic(reference, current), totalWeight(reference), totalWeight(current), method);
}
