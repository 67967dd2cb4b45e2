import { normalCdf } from '../math/gamma.ts';

/** Counts of "ones" (any value but the lowest category) and sizes of both samples. */
export interface ProportionCounts {
  readonly referenceOnes: number;
  readonly referenceSize: number;
  readonly currentOnes: number;
  readonly currentSize: number;
}

/**
 * Two-proportion pooled Z-test (Evidently `z`): z = (p1 − p2)/√(P(1−P)(1/n1 + 1/n2)),
 * p = 2·(1 − Φ(|z|)). Returns p = 1 when both samples hold only zeros or only ones (P ∈ {0, 1}),
 * which is Evidently's "same single constant" case.
 */
export function zTestProportions(counts: ProportionCounts): { statistic: number; pValue: number } {
  const { referenceOnes, referenceSize: n1, currentOnes, currentSize: n2 } = counts;
  const p1 = referenceOnes / n1;
  const p2 = currentOnes / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return { statistic: 0, pValue: 1 };
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { statistic: z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}
