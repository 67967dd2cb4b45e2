// The spec's multiple-testing correction over one family of p-values (docs/detector.md).
import type { MonitorSpecDocument } from '@driftline/schemas';
import { benjaminiHochberg, bonferroni } from '@driftline/stats';

export interface Rejections {
  /** Adjusted p-values (the p-values themselves without a correction). */
  readonly adjusted: readonly number[];
  readonly rejected: readonly boolean[];
}

/**
 * Applies `drift.correction` at `drift.alpha`. Without a correction each p-value is compared with
 * its own level (`levels[i]`, default `drift.alpha`). NaN is never rejected.
 */
export function toRejections(pValues: readonly number[], drift: MonitorSpecDocument['drift'], levels: readonly number[] = []): Rejections {
  switch (drift.correction) {
    case 'none':
      return { adjusted: pValues, rejected: pValues.map((p, i) => p <= (levels[i] ?? drift.alpha)) };
    case 'bonferroni':
      return bonferroni(pValues, drift.alpha);
    case 'benjamini-hochberg':
      return benjaminiHochberg(pValues, drift.alpha);
  }
}
