/**
 * Two-sample Kolmogorov–Smirnov test for two samples of the same size n, as SciPy 1.17's
 * `ks_2samp(method="auto")` computes it for n ≤ 10000 (exact two-sided p-value).
 */

/**
 * h = n·D, where D = max |F_a − F_b| over the pooled points (right-continuous ECDFs), for sorted
 * a[0..n) and b[0..n) with a[n] = b[n] = +Infinity as sentinels. One pass in merged order; the
 * gap is read only after the last of a run of equal values, so ties are counted as SciPy does.
 */
export function ksCount(a: Float64Array, b: Float64Array, n: number): number {
  let i = 0;
  let j = 0;
  let h = 0;
  for (let k = 2 * n; k > 0; k--) {
    const ai = a[i] ?? Infinity;
    const bj = b[j] ?? Infinity;
    const takeA = ai <= bj ? 1 : 0;
    const v = ai <= bj ? ai : bj;
    i += takeA;
    j += 1 - takeA;
    const na = a[i] ?? Infinity;
    const nb = b[j] ?? Infinity;
    const next = na < nb ? na : nb;
    const d = i > j ? i - j : j - i;
    h = next > v && d > h ? d : h;
  }
  return h;
}

/**
 * Pr(D_{n,n} ≥ h/n), SciPy's `_compute_prob_outside_square` (Horner-like nested product, same
 * operation order). Where rounding pushes it above 1, SciPy falls back to `kstwo.sf(D, round(n/2))`,
 * which is ≥ 0.99996 for every such case with n ≤ 1000; we return 1 there.
 */
export function ksPValue(n: number, h: number): number {
  if (h === 0) return 1;
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  const p = 2 * P;
  return p >= 0 && p <= 1 ? p : 1;
}
