// Where each statistic of a window lives in its packed form (docs/aggregator.md "Redis keys"): one
// Float64Array of sums per window, cut into one vector per Redis field (`w`, `f|<feature>`), plus
// min / max and the quantile-sketch buckets of each numeric statistic. Built once per model context.
import type { FeatureSpec, FeatureStats, NumericFeatureStats, QualityCheck, WindowStats } from '@driftline/stats';

/** Positions in the window vector `w`. */
export const W = {
  records: 0, late: 1, outcomesLate: 2, outcomes: 3, errorN: 4, errorSum: 5, errorSumSq: 6, errorSumAbs: 7,
  calibrationN: 8, calibrationScore: 18, calibrationPositive: 28, length: 38,
} as const;

/** Positions in a feature's quality block (the first six of its vector). */
export const QUALITY_FIELDS = ['total', 'ok', 'missing', 'wrongType', 'outOfRange', 'unseenCategory'] as const;

/** Positions in a numeric statistic block, relative to its start; histogram cells follow. */
export const NUM = { count: 0, missing: 1, s1: 2, s2: 3, zero: 4, histogram: 5 } as const;
/** Positions of the co-moments with the score, relative to their start. */
export const CO = { n: 0, sx: 1, sy: 2, sxx: 3, syy: 4, sxy: 5, length: 6 } as const;
/** Positions in a categorical statistic block, relative to its start; category cells follow. */
export const CAT = { count: 0, missing: 1, cells: 2 } as const;

/** A numeric statistic (a feature or the score): its block in the sums and its sketch parameters. */
export interface NumericSlot {
  /** Index of the numeric statistic among the window's (min, max and sketch stores). */
  readonly index: number;
  readonly at: number;
  readonly edges: readonly number[];
  readonly alpha: number;
  readonly invLnGamma: number;
  readonly maxBins: number;
}

export interface CategoricalSlot {
  readonly at: number;
  readonly lookup: ReadonlyMap<string, number>;
  /** Number of vocabulary cells; the cell after them is "other". */
  readonly categories: number;
  readonly type: 'categorical' | 'boolean';
  /** The feature's declared type, whose quality check applies (a reference may give a numeric feature categories). */
  readonly specType: FeatureSpec['type'] | undefined;
  /** The spec's categories, which decide `unseen_category` (the vocabulary cells may differ: reference profile). */
  readonly allowed: ReadonlySet<string> | undefined;
}

/**
 * One declared feature: its vector `f|<name>` = quality (6), then [co-moments (6), numeric] or
 * categorical; `pii` features have neither (quality counts only). Every feature has all the
 * properties (undefined when not applicable): one object shape keeps the fold's loads monomorphic.
 */
export interface FeatureLayout {
  readonly name: string;
  readonly start: number;
  readonly length: number;
  readonly check: QualityCheck;
  /** The declared range (±Infinity when open): the fold checks numeric values inline, as `check` does. */
  readonly min: number;
  readonly max: number;
  readonly numeric: NumericSlot | undefined;
  readonly coMoments: number | undefined;
  readonly categorical: CategoricalSlot | undefined;
}

export interface WindowLayout {
  /** Length of a window's sums. */
  readonly size: number;
  readonly features: readonly FeatureLayout[];
  /** The score's vector `f|__score` is its numeric block alone. */
  readonly score: NumericSlot;
  readonly scoreLength: number;
  /** Numeric statistics (features then the score): min, max and sketch stores per window. */
  readonly numeric: readonly NumericSlot[];
}

/** Layout of a model's windows: every declared feature (quality), statistics for those in `stats`. */
export function toWindowLayout(input: { checks: readonly { name: string; check: QualityCheck }[]; specs: readonly FeatureSpec[]; stats: Readonly<WindowStats>; score: NumericFeatureStats }): WindowLayout {
  let size = W.length;
  const numeric: NumericSlot[] = [];
  const numericSlot = (at: number, stats: NumericFeatureStats): NumericSlot => {
    const alpha = stats.sketch.alpha;
    const slot = { index: numeric.length, at, edges: stats.histogram.edges, alpha, invLnGamma: 1 / Math.log((1 + alpha) / (1 - alpha)), maxBins: stats.sketch.maxBins };
    numeric.push(slot);
    return slot;
  };
  const specs = new Map(input.specs.map((s) => [s.name, s]));
  const features = input.checks.map(({ name, check: c }): FeatureLayout => {
    const start = size;
    const range = specs.get(name)?.range;
    const check = { check: c, min: range?.min ?? Number.NEGATIVE_INFINITY, max: range?.max ?? Number.POSITIVE_INFINITY };
    const stats: FeatureStats | undefined = input.stats[name];
    if (stats === undefined) {
      size += QUALITY_FIELDS.length;
      return { name, start, length: QUALITY_FIELDS.length, ...check, numeric: undefined, coMoments: undefined, categorical: undefined };
    }
    if (stats.kind === 'categorical') {
      const at = start + QUALITY_FIELDS.length;
      const categories = stats.categories.categories;
      size = at + CAT.cells + categories.length + 1;
      const spec = specs.get(name);
      const allowed = spec?.categories === undefined ? undefined : new Set(spec.categories);
      const categorical = { at, lookup: new Map(categories.map((c, i) => [c, i])), categories: categories.length, type: spec?.type === 'boolean' ? 'boolean' as const : 'categorical' as const, specType: spec?.type, allowed };
      return { name, start, length: size - start, ...check, numeric: undefined, coMoments: undefined, categorical };
    }
    const coMoments = start + QUALITY_FIELDS.length;
    const at = coMoments + CO.length;
    size = at + NUM.histogram + stats.histogram.counts.length;
    return { name, start, length: size - start, ...check, numeric: numericSlot(at, stats), coMoments, categorical: undefined };
  });
  const score = numericSlot(size, input.score);
  const scoreLength = NUM.histogram + input.score.histogram.counts.length;
  return { size: size + scoreLength, features, score, scoreLength, numeric };
}
