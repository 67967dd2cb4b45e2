/**
 * Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, P(D_n ≥ x),
 * choosing among the algorithms of Simard & L'Ecuyer (2011) with the same regions as SciPy's
 * `kstwo.sf` (1.17): Ruben–Gambino closed forms at the ends, twice the one-sided Smirnov tail
 * (Birnbaum–Tingey sum) for large x, the Durbin matrix (Marsaglia–Tsang–Wang) or Pomeranz recursion
 * for small x, and the Pelz–Good expansion otherwise. Plain double arithmetic throughout.
 */
import { logGamma } from './gamma.ts';

const scaleUp = 2 ** 128;
const scaleDown = 2 ** -128;

/** One-sided Smirnov tail P(D_n^+ ≥ x) by the Birnbaum–Tingey sum, in log space. */
export function smirnovSf(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  if (n === 1) return x < 1 ? 1 - x : 0;
  if (n * x <= 1) return 1 - x * (1 + x) ** (n - 1);
  if (-2 * n * x * x < -708) return 0;
  if (x >= 1 - 1 / n) return (1 - x) ** n;
  if (n > 1_000_000) {
    // SciPy's approximation above SMIRNOV_MAX_COMPUTE_N: p ≈ exp(−(6nx + 1)²/(18n)).
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 - -Math.expm1(logp);
  }
  const lnN1 = logGamma(n + 1);
  let sum = 0;
  let previous = Infinity;
  for (let j = 0; j <= n; j += 1) {
    const a = (n - j) / n - x;
    if (a <= 0) break;
    const b = x + j / n;
    const logTerm = lnN1 - logGamma(j + 1) - logGamma(n - j + 1) + (n - j) * Math.log(a) + (j - 1) * Math.log(b);
    const term = Math.exp(logTerm);
    sum += term;
    // Terms rise then fall; stop once they are falling and negligible.
    if (term < previous && term < sum * 1e-18) break;
    previous = term;
  }
  return Math.min(1, Math.max(0, x * sum));
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) {
    for (let k = 0; k < m; k += 1) {
      const aik = a[i * m + k] ?? 0;
      if (aik === 0) continue;
      for (let j = 0; j < m; j += 1) out[i * m + j] = (out[i * m + j] ?? 0) + aik * (b[k * m + j] ?? 0);
    }
  }
  return out;
}

/** Durbin matrix algorithm for P(D_n < d) (Marsaglia, Tsang and Wang 2003). */
function durbinCdf(n: number, d: number): number {
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j += 1) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  v[m - 1] = (1 + (Math.max(2 * h - 1, 0) ** m - 2 * h ** m)) * fac;
  let mat = new Float64Array(m * m);
  for (let i = 1; i < m; i += 1) {
    for (let r = i - 1; r < m; r += 1) mat[r * m + i] = w[r - i + 1] ?? 0;
  }
  for (let r = 0; r < m; r += 1) mat[r * m] = v[r] ?? 0;
  for (let c = 0; c < m; c += 1) mat[(m - 1) * m + c] = v[m - 1 - c] ?? 0;
  let power = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) power[i * m + i] = 1;
  let exponent = 0;
  let matExponent = 0;
  let left = n;
  while (left > 0) {
    if (left % 2 === 1) {
      power = matmul(power, mat, m);
      exponent += matExponent;
    }
    mat = matmul(mat, mat, m);
    matExponent *= 2;
    if (Math.abs(mat[(k - 1) * m + (k - 1)] ?? 0) > scaleUp) {
      for (let i = 0; i < mat.length; i += 1) mat[i] = (mat[i] ?? 0) * scaleDown;
      matExponent += 128;
    }
    left = Math.floor(left / 2);
  }
  let p = power[(k - 1) * m + (k - 1)] ?? 0;
  for (let i = 1; i <= n; i += 1) {
    p = (i * p) / n;
    if (Math.abs(p) < scaleDown) {
      p *= scaleUp;
      exponent -= 128;
    }
  }
  return p * 2 ** exponent;
}

function pomeranzBounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pomeranz (1974) recursion for P(D_n < x). */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const size = 2 * (ll + 1);
  const gp = new Float64Array(size);
  const g2p = new Float64Array(size);
  const g12p = new Float64Array(size);
  gp[0] = 1;
  g2p[0] = 1;
  g12p[0] = 1;
  for (let m = 1; m < size; m += 1) {
    gp[m] = ((gp[m - 1] ?? 0) * (g / n)) / m;
    g2p[m] = ((g2p[m - 1] ?? 0) * ((2 * g) / n)) / m;
    g12p[m] = ((g12p[m - 1] ?? 0) * ((1 - 2 * g) / n)) / m;
  }
  let prev = new Float64Array(size);
  let cur = new Float64Array(size);
  cur[0] = 1;
  let prevStart = 0;
  let curStart = 0;
  let exponent = 0;
  let [j1] = pomeranzBounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i += 1) {
    const k1 = j1;
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
    cur.fill(0);
    const bounds = pomeranzBounds(i, n, ll, ceilf, roundf);
    j1 = bounds[0];
    const j2 = bounds[1];
    const powers = i === 1 || i === 2 * n + 1 ? gp : i % 2 === 1 ? g2p : g12p;
    const len = j2 - k1 + 1;
    if (len > 0) {
      const base = k1 - prevStart;
      const from = j1 - k1;
      const count = j2 - j1 + 1;
      let max = 0;
      for (let c = 0; c < count; c += 1) {
        const idx = from + c;
        let s = 0;
        for (let a = 0; a <= idx && a < len; a += 1) {
          const b = idx - a;
          if (b < len) s += (prev[base + a] ?? 0) * (powers[b] ?? 0);
        }
        cur[c] = s;
        if (s > max) max = s;
      }
      if (max > 0 && max < scaleDown) {
        for (let c = 0; c < count; c += 1) cur[c] = (cur[c] ?? 0) * scaleUp;
        exponent -= 128;
      }
      curStart = prevStart + j1 - k1;
    }
  }
  let ans = cur[n - curStart] ?? 0;
  for (let m = 1; m <= n; m += 1) {
    if (Math.abs(ans) > scaleUp) {
      ans *= scaleDown;
      exponent += 128;
    }
    ans *= m;
  }
  return ans * 2 ** exponent;
}

/** Pelz–Good asymptotic expansion of P(D_n ≤ x). */
function pelzGoodCdf(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const pi2 = Math.PI ** 2;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const qlog = -pi2 / 8 / z2;
  if (qlog < -708) return 0;
  const q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const acc = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k -= 1) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i += 1) acc[i] = (acc[i] ?? 0) * qp + (coeffs[i] ?? 0);
  }
  const sqrt2pi = Math.sqrt(2 * Math.PI);
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i += 1) acc[i] = ((acc[i] ?? 0) * q * sqrt2pi) / (div[i] ?? 1);
  const q2 = Math.exp(-pi2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const s3z = Math.sqrt(3) * z;
  for (let k = maxk; k > 0; k -= 1) {
    const k2 = k * k;
    const qk = q2 ** k2;
    k2extra += k2 * qk;
    k3extra += (s3z + Math.PI * k) * (s3z - Math.PI * k) * k2 * qk;
  }
  acc[2] = (acc[2] ?? 0) + (k2extra * pi2 * sqrt2pi) / (-36 * z2 * z);
  acc[3] = (acc[3] ?? 0) + (k3extra * pi2 * sqrt2pi) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i += 1) sum += (acc[i] ?? 0) / n ** (i / 2);
  return sum;
}

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/** P(D_n ≥ x) for the two-sided one-sample KS statistic with n observations (SciPy `kstwo.sf`). */
export function kolmogorovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i += 1) prob *= (i / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logGamma(n + 1) - n * Math.log(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip(1 - durbinCdf(n, x));
    if (nx2 <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  let cdf: number;
  if (nx2 >= 18) cdf = 1;
  else if (n <= 100_000 && n * x ** 1.5 <= 1.4) cdf = durbinCdf(n, x);
  else cdf = pelzGoodCdf(n, x);
  return clip(1 - cdf);
}
