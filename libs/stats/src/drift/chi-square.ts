import { assertArgument } from '../errors.ts';
import { chiSquareSf } from '../math/gamma.ts';

/** Result of a chi-square test. */
export interface ChiSquareResult {
  readonly statistic: number;
  readonly pValue: number;
  readonly dof: number;
}

/**
 * Pearson goodness-of-fit χ² = Σ (O − E)²/E with K − 1 degrees of freedom and p = Q((K−1)/2, χ²/2)
 * (regularized upper incomplete gamma). A cell with E = 0 < O gives χ² = ∞ and p = 0.
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], expected: readonly number[]): ChiSquareResult {
  assertArgument(observed.length === expected.length && observed.length >= 1, 'chiSquare: lengths differ or empty');
  let statistic = 0;
  observed.forEach((o, i) => {
    const e = expected[i] ?? 0;
    statistic += ((o - e) * (o - e)) / e;
  });
  const dof = observed.length - 1;
  return { statistic, pValue: dof === 0 ? Number.NaN : chiSquareSf(statistic, dof), dof };
}

/**
 * Evidently's chi-square drift test from counts over the same categories: expected = reference
 * count · n_cur/n_ref, observed = current count.
 */
export function chiSquareFromCounts(referenceCounts: readonly number[], currentCounts: readonly number[]): ChiSquareResult {
  let nr = 0;
  let nc = 0;
  for (const c of referenceCounts) nr += c;
  for (const c of currentCounts) nc += c;
  const k = nc / nr;
  return chiSquareGoodnessOfFit(currentCounts, referenceCounts.map((c) => c * k));
}

/**
 * Pearson's chi-square test of homogeneity for two samples over the same categories (the 2×K
 * contingency table; SciPy `chi2_contingency` without continuity correction): expected count of
 * each cell = row total × column total / N, dof = K' − 1 over the K' categories either side has.
 * Unlike {@link chiSquareFromCounts}, the reference is a sample too, so a small reference does not
 * inflate the statistic.
 */
export function chiSquareHomogeneity(referenceCounts: readonly number[], currentCounts: readonly number[]): ChiSquareResult {
  assertArgument(referenceCounts.length === currentCounts.length, 'chiSquareHomogeneity: lengths differ');
  let nr = 0;
  let nc = 0;
  for (const c of referenceCounts) nr += c;
  for (const c of currentCounts) nc += c;
  const n = nr + nc;
  let statistic = 0;
  let categories = 0;
  referenceCounts.forEach((r, i) => {
    const c = currentCounts[i] ?? 0;
    const column = r + c;
    if (column === 0) return;
    categories += 1;
    const er = (column * nr) / n;
    const ec = (column * nc) / n;
    statistic += ((r - er) * (r - er)) / er + ((c - ec) * (c - ec)) / ec;
  });
  const dof = categories - 1;
  return { statistic, pValue: dof <= 0 || nr === 0 || nc === 0 ? Number.NaN : chiSquareSf(statistic, dof), dof };
}
