import { createCounts } from '../accumulators/counts.ts';
import { createExtrema } from '../accumulators/extrema.ts';
import { createMoments } from '../accumulators/moments.ts';
import { createSmallDomain } from '../accumulators/small-domain.ts';
import { StatsError, assertArgument, statsErrorCodes } from '../errors.ts';
import type { FeatureSpec } from '../quality/feature-spec.ts';
import { endCategoryFirstPass, fillCategoryCounts, recordCategoryColumn, recordCategoryOverflow, startCategoryHistogramPass } from './category-column-stats.ts';
import type { CategoryColumnStats } from './category-column-stats.ts';
import { recordNumericColumn, recordNumericHistogram, startNumericHistogram } from './numeric-column-stats.ts';
import type { NumericColumnStats } from './numeric-column-stats.ts';
import type { ProfileColumn } from './profile-columns.ts';
import { createProfileBuilder, startHistogramPass, toReferenceProfile } from './profile-builder.ts';
import type { ProfileBuilder, ProfileOptions, ReferenceProfile } from './profile-builder.ts';

/**
 * The column-oriented twin of the row-based profile builder: the same reference profile, to the
 * bit, from batches of typed columns. Pass 1 ({@link recordProfileColumns}) gathers everything
 * but the numeric histograms, whose edges are the reference quantiles; pass 2 needs only the
 * numeric values again ({@link recordHistogramColumn}) and, for columns whose dictionary filled
 * up, the strings outside it ({@link recordOverflowColumn}).
 */
export interface ColumnProfileBuilder {
  /** The row-based builder whose state this one fills (quality counts, sketches, statistics). */
  readonly base: ProfileBuilder;
  /** Per feature of `base.specs`, in order. */
  readonly features: readonly (NumericColumnStats | CategoryColumnStats)[];
}

/** One batch of columns: `columns[i]` for feature `specs[i]`; the rows to take, in file order. */
export interface ColumnSelection {
  readonly columns: readonly ProfileColumn[];
  readonly rows: Int32Array;
  readonly count: number;
}

function toColumnStats(base: ProfileBuilder, spec: FeatureSpec): NumericColumnStats | CategoryColumnStats {
  const quality = base.quality[spec.name];
  const first = base.first[spec.name];
  if (quality === undefined) throw new StatsError(statsErrorCodes.invalidArgument, `column profile: no quality counts for ${spec.name}`);
  if (spec.type === 'numeric') {
    return {
      kind: 'numeric', quality, min: spec.range?.min ?? -Infinity, max: spec.range?.max ?? Infinity, histogram: undefined, search: undefined,
      values: first?.sketch === undefined ? undefined : {
        sketch: first.sketch, distinct: first.distinct, counts: createCounts(), moments: createMoments(), extrema: createExtrema(), domain: createSmallDomain(),
      },
    };
  }
  return {
    kind: 'category', quality, declared: spec.categories, dictionary: undefined,
    values: first === undefined ? undefined : { distinct: first.distinct, topK: first.topK, counts: createCounts() },
    exact: new Float64Array(0), hashed: new Uint8Array(0), distinctIds: 0, topKExact: true, lookup: undefined, extra: new Float64Array(0),
  };
}

/** A builder in pass 1 (same options and errors as the row-based one). */
export function createColumnProfileBuilder(specs: readonly FeatureSpec[], options: ProfileOptions = {}): ColumnProfileBuilder {
  const base = createProfileBuilder(specs, options);
  return { base, features: specs.map((spec) => toColumnStats(base, spec)) };
}

/** Pass 1: records the selected rows of one batch. */
export function recordProfileColumns(builder: ColumnProfileBuilder, selection: ColumnSelection): void {
  if (builder.base.pass !== 1) throw new StatsError(statsErrorCodes.invalidArgument, 'recordProfileColumns: already in pass 2');
  assertArgument(selection.columns.length === builder.features.length, 'recordProfileColumns: one column per feature');
  builder.base.rows += selection.count;
  builder.features.forEach((stats, i) => {
    const column = selection.columns[i];
    const spec = builder.base.specs[i];
    if (column === undefined || spec === undefined) return;
    if (stats.kind === 'numeric' && column.kind === 'numeric') recordNumericColumn(stats, column, selection.rows, selection.count);
    else if (stats.kind === 'category' && column.kind === 'category' && (column.valueType === 'boolean') === (spec.type === 'boolean')) {
      recordCategoryColumn(stats, column, selection.rows, selection.count);
    } else throw new StatsError(statsErrorCodes.invalidArgument, `recordProfileColumns: column of ${spec.name} does not match its type`);
  });
}

/** Ends pass 1: histogram edges and vocabularies are fixed as the row-based builder fixes them. */
export function startColumnHistogramPass(builder: ColumnProfileBuilder): void {
  for (const stats of builder.features) if (stats.kind === 'category') endCategoryFirstPass(stats);
  startHistogramPass(builder.base);
  builder.features.forEach((stats, i) => {
    const window = builder.base.stats[builder.base.specs[i]?.name ?? ''];
    if (window === undefined) return;
    if (stats.kind === 'category' && window.kind === 'categorical') startCategoryHistogramPass(stats, window.categories.categories);
    if (stats.kind === 'numeric' && window.kind === 'numeric' && stats.values !== undefined) {
      window.counts = stats.values.counts;
      window.moments = stats.values.moments;
      window.extrema = stats.values.extrema;
      window.sketch = stats.values.sketch;
      window.domain = stats.values.domain;
      startNumericHistogram(stats, window.histogram);
    }
  });
}

/** Pass 2: the numeric values of feature `feature` (index in the specs) for the histogram. */
export function recordHistogramColumn(builder: ColumnProfileBuilder, input: { readonly feature: number; readonly values: Float64Array; readonly rows: Int32Array; readonly count: number }): void {
  const stats = builder.features[input.feature];
  if (stats?.kind === 'numeric') recordNumericHistogram(stats, input.values, input.rows, input.count);
}

/** Pass 2: strings of feature `feature` that were outside its dictionary (others null or undefined). */
export function recordOverflowColumn(builder: ColumnProfileBuilder, input: { readonly feature: number; readonly strings: readonly (string | null | undefined)[]; readonly rows: Int32Array; readonly count: number }): void {
  const stats = builder.features[input.feature];
  if (stats?.kind === 'category') recordCategoryOverflow(stats, input.strings, input.rows, input.count);
}

/** Ends pass 2 and returns the profile (equal to the row-based builder's on the same rows). */
export function toColumnReferenceProfile(builder: ColumnProfileBuilder): ReferenceProfile {
  builder.features.forEach((stats, i) => {
    const window = builder.base.stats[builder.base.specs[i]?.name ?? ''];
    if (stats.kind === 'category' && window?.kind === 'categorical') fillCategoryCounts(stats, window.counts, window.categories);
  });
  return toReferenceProfile(builder.base);
}
