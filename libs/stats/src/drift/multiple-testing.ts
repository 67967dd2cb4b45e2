import { assertArgument } from '../errors.ts';
import { isPValueMethod } from './methods.ts';
import type { DriftResult } from './drift-result.ts';

/** Corrections for testing many features at once. */
export const corrections = { none: 'none', bonferroni: 'bonferroni', benjaminiHochberg: 'benjamini-hochberg' } as const;
/** Union of {@link corrections}. */
export type Correction = (typeof corrections)[keyof typeof corrections];

/** Adjusted p-values (same order as the input) and which hypotheses are rejected at `alpha`. */
export interface CorrectedPValues {
  readonly adjusted: readonly number[];
  readonly rejected: readonly boolean[];
}

/** Bonferroni: adjusted p = min(1, m·p); rejected when p ≤ alpha/m. NaN stays NaN, never rejected. */
export function bonferroni(pValues: readonly number[], alpha: number): CorrectedPValues {
  assertArgument(alpha > 0 && alpha < 1, 'bonferroni: alpha must be in (0, 1)');
  const m = pValues.length;
  return {
    adjusted: pValues.map((p) => Math.min(1, p * m)),
    rejected: pValues.map((p) => p <= alpha / m),
  };
}

/**
 * Benjamini–Hochberg step-up (FDR): with p sorted ascending, reject the k smallest where k is the
 * largest rank with p_(k) ≤ alpha·k/m. Adjusted p_(i) = min_{j ≥ i} min(1, m·p_(j)/j) (the
 * `statsmodels` `fdr_bh` values). NaN p-values are excluded from m and never rejected.
 */
export function benjaminiHochberg(pValues: readonly number[], alpha: number): CorrectedPValues {
  assertArgument(alpha > 0 && alpha < 1, 'benjaminiHochberg: alpha must be in (0, 1)');
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter((x) => !Number.isNaN(x.p))
    .sort((a, b) => a.p - b.p);
  const m = order.length;
  const adjusted = pValues.map(() => Number.NaN);
  const rejected = pValues.map(() => false);
  let running = 1;
  for (let k = m; k >= 1; k -= 1) {
    const item = order[k - 1];
    if (item === undefined) continue;
    running = Math.min(running, (item.p * m) / k);
    adjusted[item.i] = running;
  }
  let cutoff = 0;
  order.forEach((x, k) => { if (x.p <= (alpha * (k + 1)) / m) cutoff = k + 1; });
  for (let k = 0; k < cutoff; k += 1) {
    const item = order[k];
    if (item !== undefined) rejected[item.i] = true;
  }
  return { adjusted, rejected };
}

/** A feature's drift result after correction; `adjustedPValue` is set for p-value statistics. */
export interface CorrectedDriftResult extends DriftResult {
  readonly adjustedPValue?: number;
}

/**
 * Applies a correction across features to the p-value results only (KS, chi-square, Z); distance
 * results are returned unchanged. `alpha` defaults to 0.05. The corrected verdict replaces `drift`.
 */
export function correctDriftResults(
  results: Readonly<Record<string, DriftResult>>,
  options: { readonly correction: Correction; readonly alpha?: number },
): Record<string, CorrectedDriftResult> {
  const out: Record<string, CorrectedDriftResult> = { ...results };
  if (options.correction === 'none') return out;
  const names = Object.keys(results).filter((n) => {
    const r = results[n];
    return r !== undefined && isPValueMethod(r.method);
  });
  const pValues = names.map((n) => results[n]?.score ?? Number.NaN);
  const alpha = options.alpha ?? 0.05;
  const corrected = options.correction === 'bonferroni' ? bonferroni(pValues, alpha) : benjaminiHochberg(pValues, alpha);
  names.forEach((n, i) => {
    const r = results[n];
    if (r === undefined) return;
    out[n] = { ...r, adjustedPValue: corrected.adjusted[i] ?? Number.NaN, drift: corrected.rejected[i] ?? false };
  });
  return out;
}
