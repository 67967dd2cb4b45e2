import { StatsError, statsErrorCodes } from '../errors.ts';
import { fillZeroShares, toCategoryShares, toEvidentlyShares, toUnionKeys } from './binning.ts';
import { chiSquareFromCounts } from './chi-square.ts';
import { hellingerDistance, jensenShannonDistance, klDivergence, lInfinityDistance, psi } from './divergences.ts';
import { toDriftResult } from './drift-result.ts';
import type { DriftResult } from './drift-result.ts';
import { evidentlyNumericHellinger } from './hellinger-numeric.ts';
import { ksTest } from './kolmogorov-smirnov.ts';
import type { KsMethod } from './kolmogorov-smirnov.ts';
import { chooseDriftMethod } from './methods.ts';
import type { DriftMethod, FeatureType } from './methods.ts';
import { normedWassersteinDistance, populationStd } from './wasserstein.ts';
import { toWeightedSample } from './weighted-sample.ts';
import { zTestProportions } from './z-test.ts';

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

type Sample = readonly (string | number)[];

function numbers(sample: Sample, name: string): readonly number[] {
  if (!sample.every((v) => typeof v === 'number')) {
    throw new StatsError(statsErrorCodes.unsupportedInput, `${name}: needs numeric values`);
  }
  return sample as readonly number[];
}

function countsOver(sample: Sample, keys: readonly (string | number)[]): number[] {
  const index = new Map(keys.map((k, i) => [k, i]));
  const counts = new Array<number>(keys.length).fill(0);
  for (const v of sample) {
    const i = index.get(v) ?? -1;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

function score(method: DriftMethod, ref: Sample, cur: Sample, numeric: boolean, ksMethod: KsMethod): { score: number; statistic?: number } {
  switch (method) {
    case 'psi': {
      const s = toEvidentlyShares(ref, cur, numeric);
      return { score: psi(fillZeroShares(s.reference), fillZeroShares(s.current)) };
    }
    case 'kl_div': {
      const s = toEvidentlyShares(ref, cur, numeric);
      return { score: klDivergence(fillZeroShares(s.reference), fillZeroShares(s.current)) };
    }
    case 'jensenshannon': {
      const s = toEvidentlyShares(ref, cur, numeric);
      return { score: jensenShannonDistance(s.reference, s.current) };
    }
    case 'hellinger': {
      if (numeric) return { score: evidentlyNumericHellinger(numbers(ref, method), numbers(cur, method)) };
      const s = toCategoryShares(ref, cur);
      return { score: hellingerDistance(s.reference, s.current) };
    }
    case 'linfinity': {
      const s = toCategoryShares(ref, cur);
      return { score: lInfinityDistance(s.reference, s.current) };
    }
    case 'wasserstein': {
      const r = numbers(ref, method);
      const std = populationStd(r);
      return { score: normedWassersteinDistance(toWeightedSample(r), toWeightedSample(numbers(cur, method)), std) };
    }
    case 'ks': {
      const res = ksTest(toWeightedSample(numbers(ref, method)), toWeightedSample(numbers(cur, method)), ksMethod);
      return { score: res.pValue, statistic: res.statistic };
    }
    case 'chisquare': {
      const keys = toUnionKeys(ref, cur);
      const res = chiSquareFromCounts(countsOver(ref, keys), countsOver(cur, keys));
      return { score: res.pValue, statistic: res.statistic };
    }
    case 'z': {
      const keys = toUnionKeys(ref, cur);
      if (keys.length === 1) return { score: 1, statistic: 0 };
      const lowest = keys[0];
      const ones = (s: Sample): number => s.filter((v) => v !== lowest).length;
      const res = zTestProportions({
        referenceOnes: ones(ref), referenceSize: ref.length, currentOnes: ones(cur), currentSize: cur.length,
      });
      return { score: res.pValue, statistic: res.statistic };
    }
  }
}

/**
 * Drift of one feature from raw samples, computed as Evidently 0.7 does (missing values must be
 * dropped by the caller; booleans passed as 0/1 or strings). The automatic choice uses the
 * reference size and the distinct count of the union. Throws `DL_STATS_EMPTY_SAMPLE` when a
 * side is empty.
 */
export function driftFromSamples(reference: Sample, current: Sample, options: SampleDriftOptions): DriftResult {
  if (reference.length === 0 || current.length === 0) {
    throw new StatsError(statsErrorCodes.emptySample, 'driftFromSamples: empty sample', {
      context: { reference: reference.length, current: current.length },
    });
  }
  const numeric = options.featureType === 'numeric';
  const method =
    options.method ??
    chooseDriftMethod({
      featureType: options.featureType,
      referenceSize: reference.length,
      uniqueCount: new Set([...reference, ...current]).size,
    });
  const result = score(method, reference, current, numeric, options.ksMethod ?? 'auto');
  return toDriftResult({ method, ...result, threshold: options.threshold });
}
