// Severity of a finding from how far its value is past the threshold (docs/detector.md, "Severity").
import { Severity } from '@driftline/schemas';

/** `above`: larger is worse (distances, rates, drops, gaps); `p-value`: smaller is worse. */
export type ThresholdRule = 'above' | 'p-value';

/**
 * Strength relative to the threshold: value/threshold for `above`; 1 + log10(threshold/p) for
 * p-values (1 at the threshold, 2 at a tenth of it). ≥ 1 exactly when the test fires.
 */
export function toMargin(value: number, threshold: number, rule: ThresholdRule): number {
  if (rule === 'above') return threshold > 0 ? value / threshold : value > 0 ? Infinity : 0;
  if (value <= 0) return Infinity;
  return 1 + Math.log10(threshold / value);
}

/**
 * INFO, WARNING or CRITICAL. `above`: below 1.5× the threshold INFO, below 2.5× WARNING, else
 * CRITICAL (for PSI with threshold 0.1: 0.15 and 0.25, the usual "moderate" and "significant"
 * bands). p-values: above threshold/10 INFO, above threshold/1000 WARNING, else CRITICAL.
 */
export function toSeverity(value: number, threshold: number, rule: ThresholdRule): Severity {
  // The tolerance keeps 0.15/0.1 = 1.4999999999999998 in the WARNING band.
  const margin = toMargin(value, threshold, rule) + 1e-9;
  const [warning, critical] = rule === 'above' ? [1.5, 2.5] : [2, 4];
  return margin >= critical ? Severity.CRITICAL : margin >= warning ? Severity.WARNING : Severity.INFO;
}
