import { StatsError, statsErrorCodes } from '../errors.ts';
import { scoreFromValueCounts } from './drift-from-counts.ts';
import { toDriftResult } from './drift-result.ts';
import type { DriftResult } from './drift-result.ts';
import type { KsMethod } from './kolmogorov-smirnov.ts';
import { chooseDriftMethod } from './methods.ts';
import type { DriftMethod, FeatureType } from './methods.ts';
import { toUnionKeys, toValueCounts } from './value-counts.ts';

/** Options of {@link driftFromSamples}. */
export interface SampleDriftOptions {
  readonly featureType: FeatureType;
  /** Statistic to use; default chosen by {@link chooseDriftMethod}. */
  readonly method?: DriftMethod;
  /** Threshold override; default from `defaultDriftThresholds`. */
  readonly threshold?: number;
  /** KS p-value method, default `auto`. */
  readonly ksMethod?: KsMethod;
}

/** Drops missing values as Evidently does: NaN and ±Infinity (strings are kept as they are). */
function present(sample: readonly (string | number)[]): readonly (string | number)[] {
  return sample.every((v) => typeof v === 'string' || Number.isFinite(v)) ? sample : sample.filter((v) => typeof v === 'string' || Number.isFinite(v));
}

/**
 * Drift of one feature from raw samples, computed as Evidently 0.7 does. NaN and ±Infinity are
 * dropped first (Evidently maps ±inf to NaN and drops NaN); pass booleans as 0/1 or as strings. The automatic choice uses the
 * reference size and the distinct count of the union. Throws `DL_STATS_EMPTY_SAMPLE` when a side is
 * empty and `DL_STATS_UNSUPPORTED_INPUT` for a numeric-only statistic on strings.
 */
export function driftFromSamples(
  rawReference: readonly (string | number)[],
  rawCurrent: readonly (string | number)[],
  options: SampleDriftOptions,
): DriftResult {
  const reference = present(rawReference);
  const current = present(rawCurrent);
  if (reference.length === 0 || current.length === 0) {
    throw new StatsError(statsErrorCodes.emptySample, 'driftFromSamples: empty sample', {
      context: { reference: reference.length, current: current.length },
    });
  }
  const ref = toValueCounts(reference);
  const cur = toValueCounts(current);
  const method =
    options.method ??
    chooseDriftMethod({ featureType: options.featureType, referenceSize: reference.length, uniqueCount: toUnionKeys(ref, cur).length });
  const result = scoreFromValueCounts(method, ref, cur, {
    numerical: options.featureType === 'numeric',
    ksMethod: options.ksMethod ?? 'auto',
  });
  return toDriftResult({ method, ...result, threshold: options.threshold });
}
