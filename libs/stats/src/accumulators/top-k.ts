import { StatsError, assertArgument, statsErrorCodes } from '../errors.ts';

/**
 * Bounded categorical frequencies: a mergeable Misra–Gries summary (Agarwal et al., "Mergeable
 * summaries", 2012). `items` holds at most 2·capacity counters between reductions. Every stored
 * count is an underestimate of the true count by at most
 * `(total − Σ items) / (capacity + 1)`, and any value with true share above 1/(capacity + 1) is
 * stored. `total` is exact. `items` is a null-prototype record, so JSON as is; use
 * {@link toTopKItems} when reading it back.
 */
export interface TopKState {
  readonly capacity: number;
  total: number;
  /** Number of keys in `items`. */
  size: number;
  items: Record<string, number>;
}

/** One reported value. */
export interface TopKEntry {
  readonly value: string;
  readonly count: number;
}

/** The top values, the rest as "other", and the largest possible undercount of any count. */
export interface TopKSummary {
  readonly total: number;
  readonly top: readonly TopKEntry[];
  readonly other: number;
  readonly maxUndercount: number;
}

/** An empty summary keeping about `capacity` values (1 ≤ capacity ≤ 100 000). */
export function createTopK(capacity: number): TopKState {
  assertArgument(Number.isInteger(capacity) && capacity >= 1 && capacity <= 100_000, 'createTopK: bad capacity');
  return { capacity, total: 0, size: 0, items: Object.create(null) as Record<string, number> };
}

/** Copies `items` into a null-prototype record (safe for any key, `__proto__` included). */
export function toTopKItems(entries: Iterable<readonly [string, number]>): Record<string, number> {
  const items = Object.create(null) as Record<string, number>;
  for (const [k, v] of entries) items[k] = v;
  return items;
}

/** Subtracts the (capacity+1)-th largest count from every counter and drops those ≤ 0. */
function reduce(items: Record<string, number>, capacity: number): Record<string, number> {
  const keys = Object.keys(items);
  if (keys.length <= capacity) return items;
  const values = keys.map((k) => items[k] ?? 0).sort((x, y) => y - x);
  const cut = values[capacity] ?? 0;
  const out = Object.create(null) as Record<string, number>;
  for (const k of keys) {
    const v = (items[k] ?? 0) - cut;
    if (v > 0) out[k] = v;
  }
  return out;
}

/** Mutates `state`: counts one value. Amortised O(1). */
export function recordTopK(state: TopKState, value: string, weight = 1): void {
  state.total += weight;
  const cur = state.items[value];
  if (cur !== undefined) {
    state.items[value] = cur + weight;
    return;
  }
  state.items[value] = weight;
  state.size += 1;
  if (state.size > 2 * state.capacity) {
    state.items = reduce(state.items, state.capacity);
    state.size = Object.keys(state.items).length;
  }
}

/**
 * Mutates `state` into the summary of exact counts: what `total` calls of {@link recordTopK}
 * leave when they saw `entries` (distinct values) and the last of them brought a new value, i.e.
 * the counters, reduced once if they are more than 2·capacity. Lets a caller count exactly while
 * few values are distinct and switch to {@link recordTopK} at the first reduction.
 */
export function setTopKCounts(state: TopKState, entries: Iterable<readonly [string, number]>, total: number): void {
  state.items = toTopKItems(entries);
  state.total = total;
  state.size = Object.keys(state.items).length;
  if (state.size > 2 * state.capacity) {
    state.items = reduce(state.items, state.capacity);
    state.size = Object.keys(state.items).length;
  }
}

/** Merge of two summaries with the same capacity: sum, then reduce to `capacity` counters. */
export function mergeTopK(a: TopKState, b: TopKState): TopKState {
  if (a.capacity !== b.capacity) {
    throw new StatsError(statsErrorCodes.incompatibleState, 'mergeTopK: capacities differ', {
      context: { a: a.capacity, b: b.capacity },
    });
  }
  const sum = toTopKItems(Object.entries(a.items));
  for (const [k, v] of Object.entries(b.items)) sum[k] = (sum[k] ?? 0) + v;
  const items = reduce(sum, a.capacity);
  return { capacity: a.capacity, total: a.total + b.total, size: Object.keys(items).length, items };
}

/** Up to `limit` (default capacity) values by decreasing count, ties by value; the rest is "other". */
export function toTopKSummary(state: TopKState, limit = state.capacity): TopKSummary {
  const items = reduce(state.items, state.capacity);
  const entries = Object.entries(items)
    .map(([value, count]) => ({ value, count }))
    .sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  const top = entries.slice(0, limit);
  let stored = 0;
  for (const e of entries) stored += e.count;
  let kept = 0;
  for (const e of top) kept += e.count;
  return {
    total: state.total,
    top,
    other: state.total - kept,
    maxUndercount: (state.total - stored) / (state.capacity + 1),
  };
}
