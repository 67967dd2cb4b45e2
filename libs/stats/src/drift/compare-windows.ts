import type { WindowStats } from '../profile/window-stats.ts';
import { driftFromFeatureStats } from './drift-from-stats.ts';
import type { StatsDriftOptions } from './drift-from-stats.ts';
import type { DriftResult } from './drift-result.ts';
import { correctDriftResults } from './multiple-testing.ts';
import type { CorrectedDriftResult, Correction } from './multiple-testing.ts';

/** Options of {@link compareWindowStats}. */
export interface CompareOptions {
  /** Per-feature statistic and threshold overrides (from the monitor spec). */
  readonly overrides?: Readonly<Record<string, StatsDriftOptions>>;
  /** Correction across features for p-value statistics (default none). */
  readonly correction?: Correction;
  /** Family-wise level for the correction (default 0.05). */
  readonly alpha?: number;
}

/** Drift per feature, plus the features that could not be compared and why. */
export interface WindowComparison {
  readonly results: Readonly<Record<string, CorrectedDriftResult>>;
  /** Features present in the reference with no values on one side, or absent from the window. */
  readonly skipped: Readonly<Record<string, 'empty' | 'absent'>>;
}

/**
 * Compares every feature of a window with the reference profile's statistics, then applies the
 * correction. A feature with no values on one side is reported in `skipped`, not as an error, so
 * one empty column never hides the others (Evidently's #1480).
 */
export function compareWindowStats(reference: Readonly<WindowStats>, current: Readonly<WindowStats>, options: CompareOptions = {}): WindowComparison {
  const results: Record<string, DriftResult> = {};
  const skipped: Record<string, 'empty' | 'absent'> = {};
  for (const [name, ref] of Object.entries(reference)) {
    const cur = current[name];
    if (cur === undefined) skipped[name] = 'absent';
    else if (ref.counts.count === 0 || cur.counts.count === 0) skipped[name] = 'empty';
    else results[name] = driftFromFeatureStats(ref, cur, options.overrides?.[name] ?? {});
  }
  const corrected = correctDriftResults(results, {
    correction: options.correction ?? 'none',
    ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
  });
  return { results: corrected, skipped };
}
