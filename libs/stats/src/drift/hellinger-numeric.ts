import { toBinCounts, toRange, toSturgesEdges } from './binning.ts';
import { toUnionKeys } from './value-counts.ts';
import type { ValueCounts } from './value-counts.ts';

/**
 * Evidently's numerical Hellinger distance: Sturges edges over the *distinct* values of both
 * samples, density histograms h1, h2 on them, BC = Σ √(h1·h2)·w with w = (max − min)/bins, and
 * H = √(1 − clip(BC, 0, 1)).
 */
export function evidentlyNumericHellinger(reference: ValueCounts<number>, current: ValueCounts<number>): number {
  const keys = toUnionKeys(reference, current);
  const [min, max] = toRange(keys);
  const edges = toSturgesEdges(min, max, keys.length);
  const density = (sample: ValueCounts<number>): number[] => {
    const counts = toBinCounts(sample, edges);
    let total = 0;
    for (const c of counts) total += c;
    return counts.map((c, i) => c / ((edges[i + 1] ?? 0) - (edges[i] ?? 0)) / total);
  };
  const h1 = density(reference);
  const h2 = density(current);
  const width = ((edges[edges.length - 1] ?? 0) - (edges[0] ?? 0)) / (edges.length - 1);
  let bc = 0;
  h1.forEach((a, i) => { bc += Math.sqrt(a * (h2[i] ?? 0)) * width; });
  return Math.sqrt(1 - Math.min(1, Math.max(0, bc)));
}
