// What the aggregator needs to fold one model's records: compiled quality checks, the window
// statistics template (histogram edges and vocabularies of the reference profile), labels.
import type { MonitorSpecDocument } from '@driftline/schemas';
import {
  createCategoricalFeatureStats, createNumericFeatureStats, createQualityCheck, createWindowStatsLike,
  parseReferenceProfile,
} from '@driftline/stats';
import type { FeatureSpec, NumericFeatureStats, QualityCheck, WindowStats } from '@driftline/stats';
import { compileFeatureFold } from './compiled-fold.ts';
import type { FeatureFold } from './compiled-fold.ts';
import { OTHER } from './keys.ts';
import { toWindowLayout } from './window-layout.ts';
import type { WindowLayout } from './window-layout.ts';

export const SCORE = '__score';

/** The vocabulary of a boolean feature, as @driftline/stats records booleans. */
const BOOLEAN_CATEGORIES: readonly string[] = ['false', 'true'];

export interface ModelContext {
  readonly modelId: string;
  readonly spec: MonitorSpecDocument;
  /** Every declared feature, pii included: quality is counted for all (counts only). */
  readonly checks: readonly { readonly name: string; readonly check: QualityCheck }[];
  /** Non-pii features: the only ones with statistics. */
  readonly statsSpecs: readonly FeatureSpec[];
  readonly numeric: readonly string[];
  /** Empty window statistics shaped like the reference (or like the spec when there is none). */
  readonly template: WindowStats;
  /** Statistics template of the prediction score. */
  readonly scoreTemplate: NumericFeatureStats;
  readonly labels: readonly string[];
  /** A binary model's class below the score threshold: the label that is not the positive one (else __other__). */
  readonly negativeLabel: string;
  readonly profileId: string | null;
  /** Where each statistic lives in a packed window (fold and Redis fields). */
  readonly layout: WindowLayout;
  /** The layout's feature fold, compiled once (./compiled-fold.ts). */
  readonly foldFeatures: FeatureFold;
}

/** A numeric feature without a reference gets placeholder edges from its declared range. */
function fallbackEdges(spec: FeatureSpec): number[] {
  const lo = spec.range?.min ?? 0;
  const hi = spec.range?.max ?? lo + 1;
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

/** The reference statistics in a profile document: a bare ReferenceProfile or `{ overall: ReferenceProfile }`. */
function referenceStatsOf(profileJson: string | null): WindowStats | undefined {
  if (profileJson === null) return undefined;
  const doc = JSON.parse(profileJson) as { overall?: unknown };
  return parseReferenceProfile(doc.overall ?? doc).stats;
}

const notSealed = (): boolean => false;

/**
 * The context of a monitor entry. `isSealed` recognises `pii` values sealed by the producer helper
 * (the app passes @driftline/privacy's isEnvelope; pure callers may leave it out).
 */
export function toModelContext(input: { spec: MonitorSpecDocument; profileJson: string | null; profileId: string | null; isSealed?: (value: unknown) => boolean }): ModelContext {
  const { spec } = input;
  const featureSpecs: FeatureSpec[] = spec.features.map((f) => ({
    name: f.name, type: f.type, pii: f.pii,
    ...(f.range === undefined ? {} : { range: { ...(f.range.min === undefined ? {} : { min: f.range.min }), ...(f.range.max === undefined ? {} : { max: f.range.max }) } }),
    ...(f.categories === undefined ? {} : { categories: f.categories }),
  }));
  const statsSpecs = featureSpecs.filter((f) => f.pii !== true);
  const reference = referenceStatsOf(input.profileJson);
  const template: WindowStats = {};
  for (const f of statsSpecs) {
    const ref = reference?.[f.name];
    if (ref !== undefined) template[f.name] = createWindowStatsLike({ [f.name]: ref })[f.name] ?? ref;
    else if (f.type === 'numeric') template[f.name] = createNumericFeatureStats(fallbackEdges(f));
    else template[f.name] = createCategoricalFeatureStats(f.type === 'boolean' ? BOOLEAN_CATEGORIES : (f.categories ?? []));
  }
  const refScore = reference?.[SCORE];
  const scoreTemplate = refScore?.kind === 'numeric' ? (createWindowStatsLike({ [SCORE]: refScore })[SCORE] as NumericFeatureStats) : createNumericFeatureStats([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  const checks = featureSpecs.map((f) => ({ name: f.name, check: createQualityCheck(f) }));
  const layout = toWindowLayout({ checks, specs: statsSpecs, stats: template, score: scoreTemplate });
  return {
    modelId: spec.modelId,
    spec,
    checks,
    statsSpecs,
    numeric: statsSpecs.filter((f) => f.type === 'numeric').map((f) => f.name),
    template,
    scoreTemplate,
    layout,
    foldFeatures: compileFeatureFold(layout, input.isSealed ?? notSealed),
    labels: spec.prediction.labels ?? [],
    negativeLabel: spec.prediction.labels?.find((l) => l !== spec.prediction.positiveLabel) ?? OTHER,
    profileId: input.profileId,
  };
}
