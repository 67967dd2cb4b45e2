import { StatsError, assertArgument, statsErrorCodes } from '../errors.ts';
import { createHyperLogLog, recordDistinct, toHyperLogLogJson } from '../accumulators/hyperloglog.ts';
import type { HyperLogLogJson, HyperLogLogState } from '../accumulators/hyperloglog.ts';
import { createQuantileSketch, recordQuantile, toQuantile } from '../accumulators/quantile-sketch.ts';
import type { QuantileSketchOptions, QuantileSketchState } from '../accumulators/quantile-sketch.ts';
import { createTopK, recordTopK, toTopKSummary } from '../accumulators/top-k.ts';
import type { TopKState, TopKSummary } from '../accumulators/top-k.ts';
import { createQualityCheck } from '../quality/check-value.ts';
import type { QualityCheck } from '../quality/check-value.ts';
import { parseFeatureSpec } from '../quality/feature-spec.ts';
import type { FeatureSpec } from '../quality/feature-spec.ts';
import { createQualityCounts, recordQuality } from '../quality/quality-counts.ts';
import type { QualityCountsState } from '../quality/quality-counts.ts';
import { createCategoricalFeatureStats, createNumericFeatureStats } from './feature-stats.ts';
import { booleanCategories, toCategoryValue, toNumericValue } from './feature-values.ts';
import { createWindowRecorder, recordWindowRow } from './window-stats.ts';
import type { WindowRecorder, WindowStats } from './window-stats.ts';

/** Options of {@link createProfileBuilder}. */
export interface ProfileOptions {
  /** Histogram bins between reference quantiles (default 10: deciles). */
  readonly bins?: number;
  /** Categories kept for categorical features without declared categories (default 100). */
  readonly topK?: number;
  /** Quantile-sketch accuracy (default α = 0.01). */
  readonly sketch?: QuantileSketchOptions;
  /** HyperLogLog precision p (default 12). */
  readonly distinctPrecision?: number;
}

/** First-pass state of one non-personal feature. */
interface FirstPass {
  readonly sketch?: QuantileSketchState;
  readonly topK?: TopKState;
  readonly distinct: HyperLogLogState;
}

/**
 * Builds a reference profile in two streaming passes with bounded memory: pass 1 records quality
 * counts, a quantile sketch (numeric), a top-K summary (categorical) and a distinct counter;
 * {@link startHistogramPass} fixes histogram edges at reference quantiles and the vocabulary; pass 2
 * fills the window-shaped statistics. Rows are plain records of feature name → value.
 */
export interface ProfileBuilder {
  readonly specs: readonly FeatureSpec[];
  readonly bins: number;
  readonly sketchOptions: QuantileSketchOptions;
  pass: 1 | 2;
  rows: number;
  readonly checks: ReadonlyMap<string, QualityCheck>;
  readonly quality: Record<string, QualityCountsState>;
  readonly first: Record<string, FirstPass>;
  stats: WindowStats;
  recorder: WindowRecorder | undefined;
}

/** One feature of a {@link ReferenceProfile}. Personal-data features keep counts only. */
export interface ReferenceFeatureProfile {
  readonly spec: FeatureSpec;
  readonly quality: QualityCountsState;
  /** Estimated distinct values (HyperLogLog); absent for `pii` features. */
  readonly distinct?: HyperLogLogJson;
  /** Most frequent values (categorical, absent for `pii`). */
  readonly topK?: TopKSummary;
}

/** The reference profile published with the monitor spec. JSON-ready plain data. */
export interface ReferenceProfile {
  readonly version: 1;
  readonly rows: number;
  readonly features: Record<string, ReferenceFeatureProfile>;
  /** Window-shaped statistics (histogram on reference-quantile edges, categories, sketch, moments). */
  readonly stats: WindowStats;
}

/** A builder in pass 1. Throws `DL_STATS_INVALID_ARGUMENT` on bad specs or options. */
export function createProfileBuilder(specs: readonly FeatureSpec[], options: ProfileOptions = {}): ProfileBuilder {
  const bins = options.bins ?? 10;
  const topK = options.topK ?? 100;
  assertArgument(Number.isInteger(bins) && bins >= 1 && bins <= 1000, 'createProfileBuilder: bins must be in [1, 1000]');
  assertArgument(new Set(specs.map((s) => s.name)).size === specs.length, 'createProfileBuilder: duplicate feature names');
  const checks = new Map<string, QualityCheck>();
  const quality: Record<string, QualityCountsState> = {};
  const first: Record<string, FirstPass> = {};
  for (const spec of specs) {
    parseFeatureSpec(spec);
    checks.set(spec.name, createQualityCheck(spec));
    quality[spec.name] = createQualityCounts();
    if (spec.pii === true) continue;
    const distinct = createHyperLogLog(options.distinctPrecision ?? 12);
    if (spec.type === 'numeric') first[spec.name] = { sketch: createQuantileSketch(options.sketch), distinct };
    else if (spec.type === 'categorical' && spec.categories === undefined) first[spec.name] = { topK: createTopK(topK), distinct };
    else first[spec.name] = { distinct };
  }
  return { specs, bins, sketchOptions: options.sketch ?? {}, pass: 1, rows: 0, checks, quality, first, stats: {}, recorder: undefined };
}

function recordFirstPass(builder: ProfileBuilder, spec: FeatureSpec, value: unknown): void {
  const verdict = builder.checks.get(spec.name)?.(value) ?? 'missing';
  const q = builder.quality[spec.name];
  if (q !== undefined) recordQuality(q, verdict);
  const f = builder.first[spec.name];
  if (f === undefined) return;
  if (spec.type === 'numeric') {
    const x = toNumericValue(value);
    if (x === undefined) return;
    if (f.sketch !== undefined) recordQuantile(f.sketch, x);
    recordDistinct(f.distinct, x);
    return;
  }
  const c = toCategoryValue(value, spec.type);
  if (c === undefined) return;
  if (f.topK !== undefined) recordTopK(f.topK, c);
  recordDistinct(f.distinct, c);
}

/** Mutates `builder` with one row, in whichever pass it is. */
export function recordProfileRow(builder: ProfileBuilder, row: Readonly<Record<string, unknown>>): void {
  if (builder.pass === 1) {
    builder.rows += 1;
    for (const spec of builder.specs) recordFirstPass(builder, spec, row[spec.name]);
    return;
  }
  if (builder.recorder !== undefined) recordWindowRow(builder.stats, builder.recorder, row);
}

/**
 * Histogram edges at the sketch's quantiles i/bins (the exact min and max at the ends), made
 * strictly increasing by dropping repeats; [x − 0.5, x + 0.5] for a constant feature (wider where
 * that rounds to x, see toConstantEdges), [0, 1] when the feature had no values.
 */
export function toQuantileEdges(sketch: QuantileSketchState, bins: number): number[] {
  if (sketch.count === 0) return [0, 1];
  const edges: number[] = [sketch.min];
  for (let i = 1; i < bins; i += 1) {
    const q = toQuantile(sketch, i / bins);
    if (q > (edges[edges.length - 1] ?? -Infinity) && q < sketch.max) edges.push(q);
  }
  if (sketch.max > (edges[edges.length - 1] ?? -Infinity)) edges.push(sketch.max);
  return edges.length >= 2 ? edges : toConstantEdges(sketch.min);
}

/**
 * Edges around a constant x: [x − 0.5, x + 0.5]; where |x| is so large that both round to x, one
 * spacing of doubles either side (one-sided at the ends of the double range), so the histogram
 * still has a bin.
 */
function toConstantEdges(x: number): number[] {
  const lo = x - 0.5;
  const hi = x + 0.5;
  if (lo < hi && Number.isFinite(lo) && Number.isFinite(hi)) return [lo, hi];
  const d = Math.abs(x) * 2 ** -52;
  if (!Number.isFinite(x + d)) return [x - d, x];
  if (!Number.isFinite(x - d)) return [x, x + d];
  return [x - d, x + d];
}

/** Ends pass 1: fixes edges and vocabularies, and switches the builder to pass 2. */
export function startHistogramPass(builder: ProfileBuilder): void {
  if (builder.pass !== 1) throw new StatsError(statsErrorCodes.invalidArgument, 'startHistogramPass: already in pass 2');
  const stats: WindowStats = {};
  for (const spec of builder.specs) {
    const f = builder.first[spec.name];
    if (f === undefined) continue;
    if (spec.type === 'numeric') {
      const edges = f.sketch === undefined ? [0, 1] : toQuantileEdges(f.sketch, builder.bins);
      stats[spec.name] = createNumericFeatureStats(edges, builder.sketchOptions);
    } else {
      const vocabulary =
        spec.type === 'boolean' ? booleanCategories
        : spec.categories ?? (f.topK === undefined ? [] : toTopKSummary(f.topK).top.map((e) => e.value));
      stats[spec.name] = createCategoricalFeatureStats(vocabulary);
    }
  }
  builder.stats = stats;
  builder.recorder = createWindowRecorder(builder.specs, stats);
  builder.pass = 2;
}

/** Ends pass 2 and returns the profile. Throws `DL_STATS_INVALID_ARGUMENT` if still in pass 1. */
export function toReferenceProfile(builder: ProfileBuilder): ReferenceProfile {
  if (builder.pass !== 2) throw new StatsError(statsErrorCodes.invalidArgument, 'toReferenceProfile: call startHistogramPass and replay the rows first');
  const features: Record<string, ReferenceFeatureProfile> = {};
  for (const spec of builder.specs) {
    const f = builder.first[spec.name];
    const quality = builder.quality[spec.name] ?? createQualityCounts();
    features[spec.name] = {
      spec,
      quality,
      ...(f === undefined ? {} : { distinct: toHyperLogLogJson(f.distinct) }),
      ...(f?.topK === undefined ? {} : { topK: toTopKSummary(f.topK) }),
    };
  }
  return { version: 1, rows: builder.rows, features, stats: builder.stats };
}
