import { StatsError, statsErrorCodes } from '../errors.ts';
import { toQuantileSketchPoints } from '../accumulators/quantile-sketch.ts';
import { mergeSmallDomains } from '../accumulators/small-domain.ts';
import type { SmallDomainState } from '../accumulators/small-domain.ts';
import type { CategoricalFeatureStats, FeatureStats, NumericFeatureStats } from '../profile/feature-stats.ts';
import { toAlignedCategoryStats, toAlignedCells } from './align-stats.ts';
import { fillZeroShares } from './binning.ts';
import { chiSquareFromCounts } from './chi-square.ts';
import { hellingerDistance, jensenShannonDistance, klDivergence, lInfinityDistance, psi } from './divergences.ts';
import { scoreFromValueCounts } from './drift-from-counts.ts';
import type { MethodScore } from './drift-from-counts.ts';
import { toDriftResult } from './drift-result.ts';
import type { DriftResult } from './drift-result.ts';
import { ksTest } from './kolmogorov-smirnov.ts';
import type { KsMethod } from './kolmogorov-smirnov.ts';
import { chooseDriftMethod } from './methods.ts';
import type { DriftMethod } from './methods.ts';
import { toUnionKeys } from './value-counts.ts';
import type { ValueCounts } from './value-counts.ts';
import { normedWassersteinDistance } from './wasserstein.ts';
import { zTestProportions } from './z-test.ts';

/** Options of {@link driftFromFeatureStats}. */
export interface StatsDriftOptions {
  /** Statistic to use; default chosen by `chooseDriftMethod`. */
  readonly method?: DriftMethod;
  /** Threshold override; default from `defaultDriftThresholds`. */
  readonly threshold?: number;
  /** KS p-value method, default `auto`. */
  readonly ksMethod?: KsMethod;
}

/** Key of the "other" cell; sorts after every category. */
const otherKey = '\uffff(other)';

function domainCounts(domain: SmallDomainState): ValueCounts<number> {
  return { values: domain.values, counts: domain.counts };
}

function categoryCounts(stats: CategoricalFeatureStats): ValueCounts<string> {
  const values: string[] = [];
  const counts: number[] = [];
  const { categories, counts: cells } = stats.categories;
  cells.forEach((c, i) => {
    if (c > 0) {
      values.push(categories[i] ?? otherKey);
      counts.push(c);
    }
  });
  return { values, counts };
}

/** Histogram cells present on either side (after aligning the bins), as shares of each side. */
function cellShares(ref: NumericFeatureStats, cur: NumericFeatureStats): { r: number[]; c: number[]; rc: number[]; cc: number[] } {
  const aligned = toAlignedCells(ref, cur);
  const rc: number[] = [];
  const cc: number[] = [];
  aligned.reference.forEach((a, i) => {
    const b = aligned.current[i] ?? 0;
    if (a > 0 || b > 0) {
      rc.push(a);
      cc.push(b);
    }
  });
  const nr = ref.counts.count;
  const nc = cur.counts.count;
  return { r: rc.map((x) => x / nr), c: cc.map((x) => x / nc), rc, cc };
}

function approximateNumeric(method: DriftMethod, ref: NumericFeatureStats, cur: NumericFeatureStats, ksMethod: KsMethod): MethodScore {
  const s = cellShares(ref, cur);
  switch (method) {
    case 'psi':
      return { score: psi(fillZeroShares(s.r), fillZeroShares(s.c)) };
    case 'kl_div':
      return { score: klDivergence(fillZeroShares(s.r), fillZeroShares(s.c)) };
    case 'jensenshannon':
      return { score: jensenShannonDistance(s.r, s.c) };
    case 'hellinger':
      return { score: hellingerDistance(s.r, s.c) };
    case 'linfinity':
      return { score: lInfinityDistance(s.r, s.c) };
    case 'chisquare': {
      const res = chiSquareFromCounts(s.rc, s.cc);
      return { score: res.pValue, statistic: res.statistic };
    }
    case 'z': {
      const res = zTestProportions({
        referenceOnes: ref.counts.count - (s.rc[0] ?? 0), referenceSize: ref.counts.count,
        currentOnes: cur.counts.count - (s.cc[0] ?? 0), currentSize: cur.counts.count,
      });
      return { score: res.pValue, statistic: res.statistic };
    }
    case 'ks': {
      const a = toQuantileSketchPoints(ref.sketch);
      const b = toQuantileSketchPoints(cur.sketch);
      const res = ksTest({ values: a.values, weights: a.weights }, { values: b.values, weights: b.weights }, ksMethod);
      return { score: res.pValue, statistic: res.statistic };
    }
    case 'wasserstein': {
      const a = toQuantileSketchPoints(ref.sketch);
      const b = toQuantileSketchPoints(cur.sketch);
      const std = ref.moments.n > 0 ? Math.sqrt(ref.moments.m2 / ref.moments.n) : 0;
      return { score: normedWassersteinDistance(a, b, std) };
    }
  }
}

/**
 * Drift of one feature from two window accumulators (reference profile vs current window).
 *
 * Exact (equal to Evidently on the raw samples): categorical features whose values all fall inside
 * the vocabulary, and numeric features with ≤ 21 distinct values on both sides (small-domain
 * counts). Otherwise approximate (`approximate: true`): binned statistics use the histogram on the
 * reference-quantile edges plus overflow cells instead of Evidently's Sturges bins; KS and
 * Wasserstein use quantile-sketch buckets (values within relative error α); a categorical "other"
 * cell stands for all out-of-vocabulary values. Statistics on different bin edges or vocabularies
 * (a slice's window against the slice's own profile) are aligned first (`toAlignedCells`,
 * `toAlignedCategoryStats`).
 */
export function driftFromFeatureStats(reference: FeatureStats, current: FeatureStats, options: StatsDriftOptions = {}): DriftResult {
  if (reference.counts.count === 0 || current.counts.count === 0) {
    throw new StatsError(statsErrorCodes.emptySample, 'driftFromFeatureStats: no values on one side', {
      context: { reference: reference.counts.count, current: current.counts.count },
    });
  }
  const ksMethod = options.ksMethod ?? 'auto';
  if (reference.kind === 'categorical' || current.kind === 'categorical') {
    if (reference.kind !== 'categorical' || current.kind !== 'categorical') {
      throw new StatsError(statsErrorCodes.incompatibleState, 'driftFromFeatureStats: kinds differ');
    }
    const aligned = toAlignedCategoryStats(reference, current);
    const ref = categoryCounts(aligned.reference);
    const cur = categoryCounts(aligned.current);
    const method = options.method ?? chooseDriftMethod({
      featureType: 'categorical', referenceSize: reference.counts.count, uniqueCount: toUnionKeys(ref, cur).length,
    });
    const approximate = ref.values.includes(otherKey) || cur.values.includes(otherKey);
    const result = scoreFromValueCounts(method, ref, cur, { numerical: false, ksMethod });
    return toDriftResult({ method, ...result, threshold: options.threshold, approximate });
  }
  const union = mergeSmallDomains(reference.domain, current.domain);
  const method = options.method ?? chooseDriftMethod({
    featureType: 'numeric',
    referenceSize: reference.counts.count,
    uniqueCount: union.saturated ? union.cap + 1 : union.values.length,
  });
  if (!union.saturated) {
    const result = scoreFromValueCounts(method, domainCounts(reference.domain), domainCounts(current.domain), { numerical: true, ksMethod });
    return toDriftResult({ method, ...result, threshold: options.threshold });
  }
  const result = approximateNumeric(method, reference, current, ksMethod);
  return toDriftResult({ method, ...result, threshold: options.threshold, approximate: true });
}
