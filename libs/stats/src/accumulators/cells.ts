import { StatsError, statsErrorCodes } from '../errors.ts';

/** Cell-wise a + b (same length assumed, checked by the caller's shape check). */
export function sumCells(a: readonly number[], b: readonly number[]): number[] {
  return a.map((c, i) => c + (b[i] ?? 0));
}

/** Cell-wise cur − prev; throws `DL_STATS_NEGATIVE_COUNT` naming `what` if a cell goes negative. */
export function subtractCells(prev: readonly number[], cur: readonly number[], what: string): number[] {
  const out = cur.map((c, i) => c - (prev[i] ?? 0));
  if (out.some((c) => c < 0)) throw new StatsError(statsErrorCodes.negativeCount, `${what}: prev is not contained in cur`);
  return out;
}
