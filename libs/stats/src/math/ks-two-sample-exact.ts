/**
 * Exact null distribution of the two-sided two-sample KS statistic (lattice-path counting after
 * Hodges 1958; the 1 − p recursion of Viehmann 2021, arXiv:2102.08037), as used by SciPy's
 * `ks_2samp(method='exact')`.
 */

/** P(D ≥ h/n) for equal sizes n (alternating series in Horner form). */
function equalSizes(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k -= 1) {
    let term = 1;
    for (let j = 0; j < h; j += 1) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/** Share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm. */
function unequalSizes(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const a = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  for (let j = minj; j < maxj; j += 1) a[j] = 0;
  for (let i = 1; i <= m; i += 1) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj += 1) {
      const j = jj + minj;
      val = ((a[jj + minj - lastminj] ?? 0) * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    for (let r = curlen; r < Math.min(lastlen, a.length); r += 1) a[r] = 1;
  }
  return a[maxj - minj - 1] ?? Number.NaN;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Result of {@link ksTwoSampleExact}. */
export interface ExactKsResult {
  /** D rounded to the lattice h/lcm(n1, n2). */
  readonly statistic: number;
  /** Two-sided p-value, or NaN when the computation failed numerically. */
  readonly pValue: number;
}

/** Exact two-sided p-value of D for sizes n1, n2. */
export function ksTwoSampleExact(d: number, n1: number, n2: number): ExactKsResult {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = Math.round(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { statistic, pValue: 1 };
  const p = n1 === n2 ? equalSizes(n1, h) : unequalSizes(n1, n2, g, h);
  return { statistic, pValue: Number.isFinite(p) && p >= 0 && p <= 1 ? p : Number.NaN };
}
