/**
 * A distribution as sorted distinct points with weights: a raw sample (weights 1, ties merged) or
 * a summary (quantile-sketch buckets, histogram cells). KS and Wasserstein work on this form so
 * they run on raw samples and on sketches alike.
 */
export interface WeightedSample {
  /** Strictly increasing. */
  readonly values: readonly number[];
  /** Positive, same length as `values`. */
  readonly weights: readonly number[];
}

/** Sorts a raw sample and merges ties. */
export function toWeightedSample(sample: readonly number[]): WeightedSample {
  const sorted = Float64Array.from(sample).sort();
  const values: number[] = [];
  const weights: number[] = [];
  for (const v of sorted) {
    const last = values.length - 1;
    if (last >= 0 && values[last] === v) weights[last] = (weights[last] ?? 0) + 1;
    else {
      values.push(v);
      weights.push(1);
    }
  }
  return { values, weights };
}

/** Sum of the weights. */
export function totalWeight(sample: WeightedSample): number {
  let total = 0;
  for (const w of sample.weights) total += w;
  return total;
}

/**
 * Walks both samples in increasing order of value and calls `visit(value, cdfA, cdfB, next)` at
 * every distinct value of the union, with the right-continuous CDFs (share of weight ≤ value,
 * computed as count/total like `searchsorted(side='right')/n`) and the next value (or undefined).
 */
export function walkCdfs(
  a: WeightedSample,
  b: WeightedSample,
  visit: (value: number, cdfA: number, cdfB: number, next: number | undefined) => void,
): void {
  const na = totalWeight(a);
  const nb = totalWeight(b);
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  while (i < a.values.length || j < b.values.length) {
    const va = a.values[i] ?? Infinity;
    const vb = b.values[j] ?? Infinity;
    const v = Math.min(va, vb);
    if (va === v) ca += a.weights[i++] ?? 0;
    if (vb === v) cb += b.weights[j++] ?? 0;
    const next = Math.min(a.values[i] ?? Infinity, b.values[j] ?? Infinity);
    visit(v, ca / na, cb / nb, next === Infinity ? undefined : next);
  }
}

/** Sorts distinct values with their counts into a weighted sample. */
export function toWeightedSampleFromCounts(sample: { readonly values: readonly number[]; readonly counts: readonly number[] }): WeightedSample {
  const order = sample.values.map((_, i) => i).sort((a, b) => (sample.values[a] ?? 0) - (sample.values[b] ?? 0));
  return { values: order.map((i) => sample.values[i] ?? 0), weights: order.map((i) => sample.counts[i] ?? 0) };
}
