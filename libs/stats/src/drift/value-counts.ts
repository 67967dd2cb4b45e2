/**
 * A sample as its distinct values with their counts. Drift statistics are computed on this form,
 * so raw samples (counted here) and exact low-cardinality accumulators share one code path.
 */
export interface ValueCounts<T extends string | number> {
  readonly values: readonly T[];
  readonly counts: readonly number[];
}

/** Counts the distinct values of a raw sample (first-seen order). */
export function toValueCounts<T extends string | number>(sample: readonly T[]): ValueCounts<T> {
  const index = new Map<T, number>();
  const values: T[] = [];
  const counts: number[] = [];
  for (const v of sample) {
    const i = index.get(v);
    if (i === undefined) {
      index.set(v, values.length);
      values.push(v);
      counts.push(1);
    } else counts[i] = (counts[i] ?? 0) + 1;
  }
  return { values, counts };
}

/** Total count. */
export function toTotalCount(sample: ValueCounts<string | number>): number {
  let n = 0;
  for (const c of sample.counts) n += c;
  return n;
}

/** Sorted union of the distinct values of two samples. */
export function toUnionKeys<T extends string | number>(a: ValueCounts<T>, b: ValueCounts<T>): T[] {
  return [...new Set([...a.values, ...b.values])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** Counts of `sample` over `keys` (0 for absent keys; values outside `keys` are ignored). */
export function toCountsOver<T extends string | number>(sample: ValueCounts<T>, keys: readonly T[]): number[] {
  const index = new Map(keys.map((k, i) => [k, i]));
  const out = new Array<number>(keys.length).fill(0);
  sample.values.forEach((v, j) => {
    const i = index.get(v);
    if (i !== undefined) out[i] = (out[i] ?? 0) + (sample.counts[j] ?? 0);
  });
  return out;
}
