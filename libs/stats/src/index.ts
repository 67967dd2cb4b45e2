/**
 * @module @driftline/stats
 *
 * Pure, mergeable statistics for Driftline (no I/O, no clock, no randomness): accumulators that
 * follow `create` / `record` / `merge` / `diff` / `to…Summary` (style rule 32), drift statistics
 * computed as Evidently 0.7 and SciPy 1.17 compute them (from raw samples or from accumulators),
 * multiple-testing corrections, data-quality checks, and a two-pass reference-profile builder.
 * Every formula is in docs/drift-statistics.md.
 */

export { StatsError, isStatsError, statsErrorCodes } from './errors.ts';
export type { StatsErrorCode, StatsErrorOptions } from './errors.ts';

export { createCounts, diffCounts, mergeCounts, recordCount } from './accumulators/counts.ts';
export type { CountsState } from './accumulators/counts.ts';
export { createExtrema, mergeExtrema, recordExtrema } from './accumulators/extrema.ts';
export type { ExtremaState } from './accumulators/extrema.ts';
export { createMoments, diffMoments, mergeMoments, recordMoments, toMomentsSummary } from './accumulators/moments.ts';
export type { MomentsState, MomentsSummary } from './accumulators/moments.ts';
export { createHistogram, diffHistograms, histogramCellOf, histogramTotal, mergeHistograms, recordHistogram } from './accumulators/histogram.ts';
export type { HistogramState } from './accumulators/histogram.ts';
export {
  createCategoryCounts, diffCategoryCounts, mergeCategoryCounts, recordCategory, toCategoryFrequencies, toCategoryLookup,
} from './accumulators/category-counts.ts';
export type { CategoryCountsState, CategoryLookup } from './accumulators/category-counts.ts';
export { createTopK, mergeTopK, recordTopK, toTopKSummary } from './accumulators/top-k.ts';
export type { TopKEntry, TopKState, TopKSummary } from './accumulators/top-k.ts';
export {
  createQuantileSketch, diffQuantileSketches, mergeQuantileSketches, recordQuantile, toQuantile, toQuantileSketchPoints,
} from './accumulators/quantile-sketch.ts';
export type { BinStore, QuantileSketchOptions, QuantileSketchState } from './accumulators/quantile-sketch.ts';
export {
  createHyperLogLog, mergeHyperLogLogs, recordDistinct, recordHash, toDistinctEstimate, toHyperLogLogJson,
} from './accumulators/hyperloglog.ts';
export type { HyperLogLogJson, HyperLogLogState } from './accumulators/hyperloglog.ts';
export { createSmallDomain, diffSmallDomains, mergeSmallDomains, recordSmallDomain, toSmallDomainCounts } from './accumulators/small-domain.ts';
export type { SmallDomainState } from './accumulators/small-domain.ts';
export { hashNumber, hashString } from './hash/murmur3.ts';
export { createCoMoments, mergeCoMoments, recordCoMoments, toPearson } from './accumulators/co-moments.ts';
export type { CoMomentsState } from './accumulators/co-moments.ts';
export {
  createOutcomeCounts, mergeOutcomeCounts, recordOutcome, toAccuracyCounts, toBinaryConfusion,
} from './accumulators/outcome-counts.ts';
export type { BinaryConfusion, OutcomeCountsState, OutcomeValues } from './accumulators/outcome-counts.ts';

export { chooseDriftMethod, defaultDriftThresholds, driftMethods, featureTypes, isPValueMethod } from './drift/methods.ts';
export type { DriftChoiceInput, DriftMethod, DriftRule, DriftThreshold, FeatureType } from './drift/methods.ts';
export type { DriftResult } from './drift/drift-result.ts';
export { driftFromSamples } from './drift/drift-from-samples.ts';
export type { SampleDriftOptions } from './drift/drift-from-samples.ts';
export { driftFromFeatureStats } from './drift/drift-from-stats.ts';
export type { StatsDriftOptions } from './drift/drift-from-stats.ts';
export { ksMethods, ksPValue, ksStatistic, ksTest } from './drift/kolmogorov-smirnov.ts';
export type { KsMethod, KsResult } from './drift/kolmogorov-smirnov.ts';
export { normedWassersteinDistance, wassersteinDistance } from './drift/wasserstein.ts';
export { toWeightedSample } from './drift/weighted-sample.ts';
export type { WeightedSample } from './drift/weighted-sample.ts';
export { hellingerDistance, jensenShannonDistance, klDivergence, lInfinityDistance, psi } from './drift/divergences.ts';
export { chiSquareFromCounts, chiSquareGoodnessOfFit, chiSquareHomogeneity } from './drift/chi-square.ts';
export type { ChiSquareResult } from './drift/chi-square.ts';
export { zTestProportions } from './drift/z-test.ts';
export { fisherZTest, zTestMeans } from './drift/difference-tests.ts';
export type { SampleMoments, ZTestResult } from './drift/difference-tests.ts';
export type { ProportionCounts } from './drift/z-test.ts';
export { compareWindowStats } from './drift/compare-windows.ts';
export { toAlignedCategoryStats, toAlignedCells } from './drift/align-stats.ts';
export type { AlignedCells } from './drift/align-stats.ts';
export type { CompareOptions, WindowComparison } from './drift/compare-windows.ts';
export { specStatisticMethods, toDriftOverrides } from './drift/spec-overrides.ts';
export type { FeatureDriftDeclaration } from './drift/spec-overrides.ts';
export { benjaminiHochberg, bonferroni, correctDriftResults, corrections } from './drift/multiple-testing.ts';
export type { CorrectedDriftResult, CorrectedPValues, Correction } from './drift/multiple-testing.ts';

export { checkValue, createQualityCheck, qualityVerdicts } from './quality/check-value.ts';
export type { QualityCheck, QualityVerdict } from './quality/check-value.ts';
export { parseFeatureSpec } from './quality/feature-spec.ts';
export type { FeatureRange, FeatureSpec } from './quality/feature-spec.ts';
export { createQualityCounts, diffQualityCounts, mergeQualityCounts, recordQuality, toQualitySummary } from './quality/quality-counts.ts';
export type { QualityCountsState } from './quality/quality-counts.ts';

export {
  createCategoricalFeatureStats, createNumericFeatureStats, diffFeatureStats, mergeFeatureStats, recordCategoricalFeature,
  recordNumericFeature,
} from './profile/feature-stats.ts';
export type { CategoricalFeatureStats, FeatureStats, NumericFeatureStats } from './profile/feature-stats.ts';
export { toFeatureSummary } from './profile/feature-summary.ts';
export type { FeatureSummary } from './profile/feature-summary.ts';
export { createFeatureStatsLike, createWindowRecorder, createWindowStatsLike, recordWindowRow } from './profile/window-stats.ts';
export type { WindowRecorder, WindowStats } from './profile/window-stats.ts';
export { toCategoricalFromCounts } from './profile/categorical-from-counts.ts';
export type { BaselineDocument, ReferenceBehaviour } from './profile/baseline-document.ts';
export { createProfileBuilder, recordProfileRow, startHistogramPass, toQuantileEdges, toReferenceProfile } from './profile/profile-builder.ts';
export type { ProfileBuilder, ProfileOptions, ReferenceFeatureProfile, ReferenceProfile } from './profile/profile-builder.ts';
export {
  categoryCodes, createBooleanDictionary, createCategoryDictionary, defaultDictionaryCapacity, internCategory,
} from './profile/category-dictionary.ts';
export type { CategoryDictionary } from './profile/category-dictionary.ts';
export { clearProfileColumn, createCategoryColumn, createNumericColumn, writeColumnValue } from './profile/profile-columns.ts';
export type { CategoryColumn, NumericColumn, ProfileColumn } from './profile/profile-columns.ts';
export {
  createColumnProfileBuilder, recordHistogramColumn, recordOverflowColumn, recordProfileColumns, startColumnHistogramPass,
  toColumnReferenceProfile,
} from './profile/column-profile-builder.ts';
export type { ColumnProfileBuilder } from './profile/column-profile-builder.ts';

export { parseFeatureStats, parseQuantileSketch, parseWindowStats } from './codec/parse-feature-stats.ts';
export { parseHyperLogLog, parseQualityCounts, parseReferenceProfile } from './codec/parse-profile.ts';
export { parseCoMoments, parseOutcomeCounts } from './codec/parse-outcomes.ts';
export { parseBaselineDocument } from './codec/parse-baseline.ts';
