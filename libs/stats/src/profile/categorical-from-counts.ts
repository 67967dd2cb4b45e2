import type { CategoricalFeatureStats } from './feature-stats.ts';

/**
 * Categorical statistics from a record of category → count (e.g. predicted or actual labels of a
 * window), over `vocabulary` (default: the record's keys, sorted); counts of other keys go to the
 * "other" cell. Nothing is missing: every counted value is present.
 */
export function toCategoricalFromCounts(counts: Readonly<Record<string, number>>, vocabulary?: readonly string[]): CategoricalFeatureStats {
  const categories = vocabulary === undefined ? Object.keys(counts).sort() : [...vocabulary];
  const index = new Map(categories.map((c, i) => [c, i]));
  const cells = new Array<number>(categories.length + 1).fill(0);
  let total = 0;
  for (const [k, n] of Object.entries(counts)) {
    const cell = index.get(k) ?? categories.length;
    cells[cell] = (cells[cell] ?? 0) + n;
    total += n;
  }
  return { kind: 'categorical', counts: { count: total, missing: 0 }, categories: { categories, counts: cells } };
}
