// The drift report as plain data (also written as report.json): per slice and feature, the
// statistic, value, threshold and verdict after the spec's multiple-testing correction, the data
// for the charts, and data-quality counts; a summary on top. Pure.
import { compareWindowStats, createQualityCounts, isPValueMethod, toDriftOverrides } from '@driftline/stats';
import type { CorrectedDriftResult, DriftMethod, DriftRule, FeatureSpec, FeatureType, QualityCountsState, ReferenceProfile, StatsDriftOptions } from '@driftline/stats';
import type { MonitorSpecDocument } from '@driftline/schemas';
import { toChartData } from './chart-data.ts';
import type { ChartData } from './chart-data.ts';
import type { CurrentSet, CurrentStats } from './current-window.ts';

export const verdicts = { drift: 'drift', noDrift: 'no-drift', notTested: 'not-tested' } as const;
export type Verdict = (typeof verdicts)[keyof typeof verdicts];

export interface DriftFigures {
  readonly method: DriftMethod;
  /** `spec` when the monitor spec names the statistic, else chosen as Evidently's preset does. */
  readonly methodSource: 'auto' | 'spec';
  /** A distance, or a p-value (`pValue: true`); null when not a number. */
  readonly score: number | null;
  readonly statistic: number | null;
  readonly pValue: boolean;
  readonly adjustedPValue?: number;
  readonly threshold: number;
  readonly rule: DriftRule;
  /** Computed from sketches or histograms rather than exact counts. */
  readonly approximate: boolean;
}

export interface FeatureReport {
  readonly name: string;
  readonly type: FeatureType;
  readonly pii: boolean;
  readonly verdict: Verdict;
  /** Why a feature was not tested. */
  readonly reason?: string;
  readonly drift?: DriftFigures;
  readonly quality: { readonly reference: QualityCountsState; readonly current: QualityCountsState };
  readonly chart?: ChartData;
}

export interface SliceReport {
  /** `overall`, `prediction`, or `<key>=<value>`. */
  readonly id: string;
  readonly referenceRows: number;
  readonly currentRows: number;
  readonly tested: boolean;
  readonly reason?: string;
  readonly features: readonly FeatureReport[];
  readonly drifted: number;
  readonly testedFeatures: number;
}

export interface ReportModel {
  readonly kind: 'driftline-report';
  readonly version: 1;
  readonly modelId: string;
  readonly generatedAt: string;
  readonly reference: { readonly source: string; readonly rows: number };
  readonly current: { readonly source: string; readonly rows: number };
  readonly settings: { readonly correction: string; readonly alpha: number; readonly minSamples: number };
  readonly summary: {
    readonly driftedFeatures: readonly string[];
    readonly testedFeatures: number;
    readonly slicesTested: number;
    readonly slicesWithDrift: number;
    /** Slices with the most drifted features (at most 5, only slices with drift). */
    readonly worstSlices: readonly { readonly id: string; readonly drifted: number; readonly tested: number; readonly currentRows: number }[];
    readonly predictionDrift: boolean | undefined;
    /** Current-data quality problems (missing, wrong type, out of range, unseen category), summed over features. */
    readonly qualityProblems: number;
  };
  readonly overall: SliceReport;
  readonly prediction: SliceReport | undefined;
  readonly slices: readonly SliceReport[];
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function toFigures(r: CorrectedDriftResult, override: StatsDriftOptions | undefined): DriftFigures {
  return {
    method: r.method, methodSource: override?.method === undefined ? 'auto' : 'spec',
    score: finiteOrNull(r.score), statistic: finiteOrNull(r.statistic), pValue: isPValueMethod(r.method),
    ...(r.adjustedPValue === undefined || !Number.isFinite(r.adjustedPValue) ? {} : { adjustedPValue: r.adjustedPValue }),
    threshold: r.threshold.threshold, rule: r.threshold.rule, approximate: r.approximate,
  };
}

interface SliceInput {
  readonly id: string;
  readonly specs: readonly FeatureSpec[];
  readonly reference: ReferenceProfile | undefined;
  readonly current: CurrentStats;
  readonly overrides: Readonly<Record<string, StatsDriftOptions>>;
  readonly spec: MonitorSpecDocument;
}

function toSliceReport(input: SliceInput): SliceReport {
  const { reference, current, spec } = input;
  const referenceRows = reference?.rows ?? 0;
  const min = spec.drift.minSamples;
  const reason =
    reference === undefined ? 'no reference rows for this slice'
    : referenceRows < min || current.rows < min ? `too few rows to test (minimum ${min} on each side)`
    : undefined;
  const comparison = reference === undefined || reason !== undefined ? undefined : compareWindowStats(reference.stats, current.stats, {
    overrides: input.overrides, correction: spec.drift.correction, alpha: spec.drift.alpha,
  });
  const features = input.specs.map((s): FeatureReport => {
    const quality = { reference: reference?.features[s.name]?.quality ?? createQualityCounts(), current: current.quality[s.name] ?? createQualityCounts() };
    const base = { name: s.name, type: s.type, pii: s.pii === true, quality };
    if (s.pii === true) return { ...base, verdict: 'not-tested', reason: 'personal data: counted, never profiled' };
    const ref = reference?.stats[s.name];
    const cur = current.stats[s.name];
    const chart = ref === undefined || cur === undefined || reference === undefined ? undefined : toChartData(ref, cur);
    const withChart = chart === undefined ? base : { ...base, chart };
    if (comparison === undefined) return { ...withChart, verdict: 'not-tested', reason: reason ?? 'not compared' };
    const result = comparison.results[s.name];
    if (result === undefined) {
      const why = ref === undefined ? 'not in the reference profile'
        : comparison.skipped[s.name] === 'absent' ? 'absent from the current data'
        : `no values on the ${ref.counts.count === 0 ? 'reference' : 'current'} side`;
      return { ...withChart, verdict: 'not-tested', reason: why };
    }
    return { ...withChart, verdict: result.drift ? 'drift' : 'no-drift', drift: toFigures(result, input.overrides[s.name]) };
  });
  const testedFeatures = features.filter((f) => f.verdict !== 'not-tested').length;
  return {
    id: input.id, referenceRows, currentRows: current.rows, tested: comparison !== undefined,
    ...(reason === undefined ? {} : { reason }),
    features, drifted: features.filter((f) => f.verdict === 'drift').length, testedFeatures,
  };
}

/**
 * Ties between slices: how far past their thresholds the drifted features are, as score/threshold
 * for distances and ln p / ln threshold for p-values (each capped at 100).
 */
function toSeverity(slice: SliceReport): number {
  let sum = 0;
  for (const f of slice.features) {
    const d = f.drift;
    if (f.verdict !== 'drift' || d === undefined || d.score === null) continue;
    const past = d.rule === 'gte' ? d.score / d.threshold : d.score > 0 && d.threshold < 1 ? Math.log(d.score) / Math.log(d.threshold) : 100;
    sum += Math.min(Number.isFinite(past) ? past : 100, 100);
  }
  return sum;
}

function qualityProblems(q: QualityCountsState): number {
  return q.missing + q.wrongType + q.outOfRange + q.unseenCategory;
}

export function toReportModel(input: {
  spec: MonitorSpecDocument;
  current: CurrentSet;
  sources: { reference: string; current: string };
  generatedAt: string;
}): ReportModel {
  const { spec, current } = input;
  const reference = current.reference;
  const overrides = toDriftOverrides(spec.features);
  const overall = toSliceReport({ id: 'overall', specs: current.specs, reference: reference.overall, current: current.overall, overrides, spec });
  const prediction = current.prediction === undefined ? undefined : toSliceReport({
    id: 'prediction', specs: current.predictionSpecs, reference: reference.prediction, current: current.prediction, overrides: {}, spec,
  });
  const sliceIds = [...new Set([...Object.keys(reference.slices), ...current.slices.keys()])].sort();
  const slices = sliceIds.map((id) => toSliceReport({
    id, specs: current.specs, reference: reference.slices[id], current: current.slices.get(id) ?? emptyCurrent(), overrides, spec,
  }));
  const worstSlices = slices
    .filter((s) => s.drifted > 0)
    .sort((a, b) => b.drifted / b.testedFeatures - a.drifted / a.testedFeatures || toSeverity(b) - toSeverity(a) || b.currentRows - a.currentRows)
    .slice(0, 5)
    .map((s) => ({ id: s.id, drifted: s.drifted, tested: s.testedFeatures, currentRows: s.currentRows }));
  return {
    kind: 'driftline-report', version: 1, modelId: spec.modelId, generatedAt: input.generatedAt,
    reference: { source: input.sources.reference, rows: reference.overall.rows },
    current: { source: input.sources.current, rows: current.overall.rows },
    settings: { correction: spec.drift.correction, alpha: spec.drift.alpha, minSamples: spec.drift.minSamples },
    summary: {
      driftedFeatures: overall.features.filter((f) => f.verdict === 'drift').map((f) => f.name),
      testedFeatures: overall.testedFeatures,
      slicesTested: slices.filter((s) => s.tested).length,
      slicesWithDrift: slices.filter((s) => s.drifted > 0).length,
      worstSlices,
      predictionDrift: prediction?.tested === true ? prediction.drifted > 0 : undefined,
      qualityProblems: overall.features.reduce((sum, f) => sum + qualityProblems(f.quality.current), 0),
    },
    overall, prediction, slices,
  };
}

function emptyCurrent(): CurrentStats {
  return { rows: 0, stats: {}, quality: {}, recorder: { specs: [], lookups: new Map() }, checks: [] };
}
