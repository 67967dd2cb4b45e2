/**
 * Distances between two discrete distributions given as aligned share vectors (same bins, same
 * order). Inputs are relative frequencies or counts; see each function for normalisation.
 */

function normalise(v: readonly number[]): number[] {
  let sum = 0;
  for (const x of v) sum += x;
  return v.map((x) => x / sum);
}

/** x·ln(x/y) with SciPy `rel_entr` conventions (0 when x = 0, ∞ when y = 0 < x). */
function relEntr(x: number, y: number): number {
  if (x === 0 && y >= 0) return 0;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  return Infinity;
}

/** PSI = Σ (r − c)·ln(r/c); no renormalisation (callers fill zeros first, e.g. `fillZeroShares`). */
export function psi(reference: readonly number[], current: readonly number[]): number {
  let sum = 0;
  reference.forEach((r, i) => {
    const c = current[i] ?? 0;
    sum += (r - c) * Math.log(r / c);
  });
  return sum;
}

/** KL(r‖c) in nats after renormalising both vectors to sum 1 (SciPy `entropy(p, q)`). */
export function klDivergence(reference: readonly number[], current: readonly number[]): number {
  const p = normalise(reference);
  const q = normalise(current);
  let sum = 0;
  p.forEach((x, i) => { sum += relEntr(x, q[i] ?? 0); });
  return sum;
}

/**
 * Jensen–Shannon distance (square root of the divergence) after renormalising; natural log by
 * default (range 0 … √ln 2), base 2 gives range 0 … 1 (SciPy `distance.jensenshannon`).
 */
export function jensenShannonDistance(reference: readonly number[], current: readonly number[], base?: number): number {
  const p = normalise(reference);
  const q = normalise(current);
  let sum = 0;
  p.forEach((x, i) => {
    const y = q[i] ?? 0;
    const m = (x + y) / 2;
    sum += relEntr(x, m) + relEntr(y, m);
  });
  if (base !== undefined) sum /= Math.log(base);
  return Math.sqrt(sum / 2);
}

/** Hellinger distance √(1 − clip(Σ √(r·c), 0, 1)) on shares (Evidently's categorical form). */
export function hellingerDistance(reference: readonly number[], current: readonly number[]): number {
  let bc = 0;
  reference.forEach((r, i) => { bc += Math.sqrt(r * (current[i] ?? 0)); });
  return Math.sqrt(1 - Math.min(1, Math.max(0, bc)));
}

/** L∞ = max_i |r_i − c_i| over shares (TFDV `LInftyDistance`, NannyML `LInfinityDistance`). */
export function lInfinityDistance(reference: readonly number[], current: readonly number[]): number {
  let max = 0;
  reference.forEach((r, i) => { max = Math.max(max, Math.abs(r - (current[i] ?? 0))); });
  return max;
}
