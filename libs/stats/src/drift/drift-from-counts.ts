import { StatsError, statsErrorCodes } from '../errors.ts';
import { fillZeroShares, toCategoryShares, toEvidentlyShares } from './binning.ts';
import { chiSquareFromCounts } from './chi-square.ts';
import { hellingerDistance, jensenShannonDistance, klDivergence, lInfinityDistance, psi } from './divergences.ts';
import { evidentlyNumericHellinger } from './hellinger-numeric.ts';
import { ksTest } from './kolmogorov-smirnov.ts';
import type { KsMethod } from './kolmogorov-smirnov.ts';
import type { DriftMethod } from './methods.ts';
import { toCountsOver, toTotalCount, toUnionKeys } from './value-counts.ts';
import type { ValueCounts } from './value-counts.ts';
import { normedWassersteinDistance, populationStd } from './wasserstein.ts';
import { toWeightedSampleFromCounts } from './weighted-sample.ts';
import { zTestProportions } from './z-test.ts';

type Counts = ValueCounts<string | number>;

/** A score and, for p-value tests, the statistic behind it. */
export interface MethodScore {
  readonly score: number;
  readonly statistic?: number;
}

function numeric(sample: Counts, method: DriftMethod): ValueCounts<number> {
  if (!sample.values.every((v) => typeof v === 'number')) {
    throw new StatsError(statsErrorCodes.unsupportedInput, `${method}: needs numeric values`);
  }
  return sample as ValueCounts<number>;
}

/**
 * Scores one statistic on value counts exactly as Evidently 0.7 does on the expanded samples
 * (see docs/drift-statistics.md for every formula and bin rule).
 */
export function scoreFromValueCounts(
  method: DriftMethod,
  reference: Counts,
  current: Counts,
  options: { readonly numerical: boolean; readonly ksMethod: KsMethod },
): MethodScore {
  switch (method) {
    case 'psi': {
      const s = toEvidentlyShares(reference, current, options.numerical);
      return { score: psi(fillZeroShares(s.reference), fillZeroShares(s.current)) };
    }
    case 'kl_div': {
      const s = toEvidentlyShares(reference, current, options.numerical);
      return { score: klDivergence(fillZeroShares(s.reference), fillZeroShares(s.current)) };
    }
    case 'jensenshannon': {
      const s = toEvidentlyShares(reference, current, options.numerical);
      return { score: jensenShannonDistance(s.reference, s.current) };
    }
    case 'hellinger': {
      if (options.numerical) return { score: evidentlyNumericHellinger(numeric(reference, method), numeric(current, method)) };
      const s = toCategoryShares(reference, current);
      return { score: hellingerDistance(s.reference, s.current) };
    }
    case 'linfinity': {
      const s = toCategoryShares(reference, current);
      return { score: lInfinityDistance(s.reference, s.current) };
    }
    case 'wasserstein': {
      const ref = toWeightedSampleFromCounts(numeric(reference, method));
      const cur = toWeightedSampleFromCounts(numeric(current, method));
      return { score: normedWassersteinDistance(ref, cur, populationStd(ref)) };
    }
    case 'ks': {
      const ref = toWeightedSampleFromCounts(numeric(reference, method));
      const res = ksTest(ref, toWeightedSampleFromCounts(numeric(current, method)), options.ksMethod);
      return { score: res.pValue, statistic: res.statistic };
    }
    case 'chisquare': {
      const keys = toUnionKeys(reference, current);
      const res = chiSquareFromCounts(toCountsOver(reference, keys), toCountsOver(current, keys));
      return { score: res.pValue, statistic: res.statistic };
    }
    case 'z': {
      const keys = toUnionKeys(reference, current);
      if (keys.length <= 1) return { score: 1, statistic: 0 };
      const [rLow = 0] = toCountsOver(reference, keys);
      const [cLow = 0] = toCountsOver(current, keys);
      const nr = toTotalCount(reference);
      const nc = toTotalCount(current);
      const res = zTestProportions({ referenceOnes: nr - rLow, referenceSize: nr, currentOnes: nc - cLow, currentSize: nc });
      return { score: res.pValue, statistic: res.statistic };
    }
  }
}
