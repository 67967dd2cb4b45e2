import { walkCdfs } from './weighted-sample.ts';
import type { WeightedSample } from './weighted-sample.ts';

/** First Wasserstein distance ∫ |F_ref − F_cur| dx between two weighted samples, in feature units. */
export function wassersteinDistance(reference: WeightedSample, current: WeightedSample): number {
  let sum = 0;
  walkCdfs(reference, current, (v, a, b, next) => {
    if (next !== undefined) sum += Math.abs(a - b) * (next - v);
  });
  return sum;
}

/**
 * Evidently's normed Wasserstein: W1 / max(σ_ref, 0.001), where σ_ref is the population standard
 * deviation (ddof 0) of the reference.
 */
export function normedWassersteinDistance(
  reference: WeightedSample,
  current: WeightedSample,
  referenceStd: number,
): number {
  return wassersteinDistance(reference, current) / Math.max(referenceStd, 0.001);
}

/** Population standard deviation of a weighted sample, two-pass like NumPy's `np.std`. */
export function populationStd(sample: WeightedSample): number {
  let n = 0;
  let sum = 0;
  sample.values.forEach((v, i) => {
    const w = sample.weights[i] ?? 0;
    n += w;
    sum += w * v;
  });
  const mean = sum / n;
  let ss = 0;
  sample.values.forEach((v, i) => { ss += (sample.weights[i] ?? 0) * (v - mean) * (v - mean); });
  return Math.sqrt(ss / n);
}
