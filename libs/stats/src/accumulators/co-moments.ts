/**
 * Sums for the Pearson correlation of two paired values (a feature x and the prediction score y),
 * counted only when both are present. The aggregator keeps the same sums per window; plain data,
 * exact merge.
 */
export interface CoMomentsState {
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
}

/** Empty sums. */
export function createCoMoments(): CoMomentsState {
  return { n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 };
}

/** Mutates `state` with one pair; a pair with a non-finite side is skipped. */
export function recordCoMoments(state: CoMomentsState, x: number, y: number): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return;
  state.n += 1;
  state.sx += x;
  state.sy += y;
  state.sxx += x * x;
  state.syy += y * y;
  state.sxy += x * y;
}

/** Field-wise sum. */
export function mergeCoMoments(a: CoMomentsState, b: CoMomentsState): CoMomentsState {
  return { n: a.n + b.n, sx: a.sx + b.sx, sy: a.sy + b.sy, sxx: a.sxx + b.sxx, syy: a.syy + b.syy, sxy: a.sxy + b.sxy };
}

/**
 * Pearson's r = cov(x, y)/(σx·σy) from the sums, clamped to [−1, 1]; undefined with fewer than
 * three pairs or when either side is constant (no correlation is defined).
 */
export function toPearson(state: CoMomentsState): number | undefined {
  if (state.n < 3) return undefined;
  const cov = state.sxy - (state.sx * state.sy) / state.n;
  const vx = state.sxx - (state.sx * state.sx) / state.n;
  const vy = state.syy - (state.sy * state.sy) / state.n;
  // Relative tolerance: the sums cancel catastrophically for a constant side.
  if (vx <= 1e-12 * Math.abs(state.sxx) || vy <= 1e-12 * Math.abs(state.syy)) return undefined;
  return Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy)));
}
