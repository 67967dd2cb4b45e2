import { StatsError, statsErrorCodes } from '../errors.ts';
import { subtractCells, sumCells } from './cells.ts';

/**
 * Exact counts over a fixed vocabulary plus one "other" cell for every value outside it:
 * `counts[i]` belongs to `categories[i]`, `counts[categories.length]` is "other". Exact, so merge
 * and diff are exact too. The vocabulary comes from the monitor spec or from a reference profile's
 * top-K ({@link TopKState}). Plain data; JSON as is.
 */
export interface CategoryCountsState {
  readonly categories: readonly string[];
  counts: number[];
}

/** Lookup from category to cell, built once per vocabulary (not part of the state). */
export type CategoryLookup = ReadonlyMap<string, number>;

/** An empty state; duplicate categories are rejected (`DL_STATS_INVALID_ARGUMENT`). */
export function createCategoryCounts(categories: readonly string[]): CategoryCountsState {
  if (new Set(categories).size !== categories.length) {
    throw new StatsError(statsErrorCodes.invalidArgument, 'createCategoryCounts: duplicate categories');
  }
  return { categories: [...categories], counts: new Array<number>(categories.length + 1).fill(0) };
}

/** The lookup for `state.categories`. */
export function toCategoryLookup(categories: readonly string[]): CategoryLookup {
  return new Map(categories.map((c, i) => [c, i]));
}

/** Mutates `state`: counts `value` in its cell, or in "other". */
export function recordCategory(state: CategoryCountsState, lookup: CategoryLookup, value: string): void {
  const cell = lookup.get(value) ?? state.categories.length;
  state.counts[cell] = (state.counts[cell] ?? 0) + 1;
}

function assertSameCategories(a: CategoryCountsState, b: CategoryCountsState): void {
  const same =
    a.categories.length === b.categories.length && a.categories.every((c, i) => c === b.categories[i]);
  if (!same) {
    throw new StatsError(statsErrorCodes.incompatibleState, 'category counts: vocabularies differ');
  }
}

/** Cell-wise sum (same vocabulary required). */
export function mergeCategoryCounts(a: CategoryCountsState, b: CategoryCountsState): CategoryCountsState {
  assertSameCategories(a, b);
  return { categories: a.categories, counts: sumCells(a.counts, b.counts) };
}

/** Cell-wise `cur − prev`; throws `DL_STATS_NEGATIVE_COUNT` if a cell would go negative. */
export function diffCategoryCounts(prev: CategoryCountsState, cur: CategoryCountsState): CategoryCountsState {
  assertSameCategories(prev, cur);
  return { categories: cur.categories, counts: subtractCells(prev.counts, cur.counts, 'diffCategoryCounts') };
}

/** Map of category → count, with "other" under the key given (default `"__other__"`). */
export function toCategoryFrequencies(
  state: CategoryCountsState,
  otherKey = '__other__',
): ReadonlyMap<string, number> {
  const out = new Map<string, number>(state.categories.map((c, i) => [c, state.counts[i] ?? 0]));
  out.set(otherKey, (out.get(otherKey) ?? 0) + (state.counts[state.categories.length] ?? 0));
  return out;
}
