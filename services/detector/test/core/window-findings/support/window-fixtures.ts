// Baselines and aggregator-shaped windows built from synthetic rows with @driftline/stats, the way
// `driftline baseline` and the aggregator build them (the windows are shaped like the overall
// reference; slices use the aggregator's URI-encoded ids), round-tripped through JSON and the parsers.
import { parseMonitorSpec } from '@driftline/schemas';
import type { MonitorSpecDocument, MonitorSpecInput } from '@driftline/schemas';
import {
  createCoMoments, createNumericFeatureStats, createOutcomeCounts, createProfileBuilder, createQualityCheck, createQualityCounts,
  createWindowRecorder, createWindowStatsLike, parseBaselineDocument, recordCoMoments, recordNumericFeature, recordOutcome,
  recordProfileRow, recordQuality, recordWindowRow, startHistogramPass, toReferenceProfile,
} from '@driftline/stats';
import type { BaselineDocument, CoMomentsState, FeatureSpec, OutcomeCountsState, ProfileBuilder } from '@driftline/stats';
import { parseWindowSnapshot } from '../../../../src/core/window-findings/index.ts';
import type { WindowSnapshot } from '../../../../src/core/window-findings/index.ts';
import type { SyntheticRow } from './synthetic-rows.ts';

export const WINDOW_START = Date.UTC(2026, 10, 27, 10, 0);
const WINDOW_SIZE = 300_000;

export function toSpec(overrides: Partial<MonitorSpecInput> = {}): MonitorSpecDocument {
  const result = parseMonitorSpec({
    modelId: 'credit',
    prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' },
    features: [
      { name: 'age', type: 'numeric', range: { min: 18, max: 120 } },
      { name: 'income', type: 'numeric', range: { min: 0 } },
      { name: 'debt_ratio', type: 'numeric', range: { min: 0, max: 5 } },
      { name: 'employment', type: 'categorical', categories: ['employed', 'retired', 'student'] },
      { name: 'city', type: 'categorical' },
      { name: 'has_card', type: 'boolean' },
      { name: 'email', type: 'categorical', pii: true },
    ],
    slices: { keys: ['region', 'channel'] },
    drift: { correction: 'benjamini-hochberg', alpha: 0.05, minSamples: 100 },
    alerts: { minEvidence: 100 },
    ...overrides,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.spec;
}

function featureSpecs(spec: MonitorSpecDocument): FeatureSpec[] {
  return spec.features.map((f) => ({
    name: f.name, type: f.type, pii: f.pii,
    ...(f.range === undefined ? {} : { range: { ...(f.range.min === undefined ? {} : { min: f.range.min }), ...(f.range.max === undefined ? {} : { max: f.range.max }) } }),
    ...(f.categories === undefined ? {} : { categories: f.categories }),
  }));
}

function sliceIdsOf(spec: MonitorSpecDocument, row: SyntheticRow, encode: boolean): string[] {
  const e = (s: string): string => (encode ? encodeURIComponent(s) : s);
  return spec.slices.keys.map((k) => `${e(k)}=${e(row.slice[k as keyof SyntheticRow['slice']])}`);
}

interface Behaviour { readonly outcomes: OutcomeCountsState; readonly coMoments: Record<string, CoMomentsState> }

function recordBehaviour(b: Behaviour, spec: MonitorSpecDocument, row: SyntheticRow, labels: boolean): void {
  if (labels) recordOutcome(b.outcomes, spec.prediction.type === 'regression' ? { error: row.error } : { actual: row.actual, predicted: row.predicted });
  for (const f of spec.features) {
    const m = b.coMoments[f.name];
    const x = row.features[f.name];
    if (m !== undefined && typeof x === 'number') recordCoMoments(m, x, row.score);
  }
}

function createBehaviour(spec: MonitorSpecDocument): Behaviour {
  return { outcomes: createOutcomeCounts(), coMoments: Object.fromEntries(spec.features.filter((f) => f.type === 'numeric' && !f.pii).map((f) => [f.name, createCoMoments()])) };
}

/** A `driftline baseline` document of `rows` (labels recorded unless `labels: false`). */
export function toBaseline(spec: MonitorSpecDocument, rows: readonly SyntheticRow[], options: { labels?: boolean } = {}): BaselineDocument {
  const specs = featureSpecs(spec);
  const overall = createProfileBuilder(specs, { bins: 20 });
  const slices = new Map<string, ProfileBuilder>();
  const prediction = createProfileBuilder([{ name: 'score', type: 'numeric', range: { min: 0, max: 1 } }, { name: 'label', type: 'categorical', categories: ['approve', 'decline'] }], { bins: 20 });
  const behaviour = { overall: createBehaviour(spec), slices: new Map<string, Behaviour>() };
  for (const pass of [1, 2]) {
    for (const row of rows) {
      recordProfileRow(overall, row.features);
      recordProfileRow(prediction, { score: row.score, label: row.predicted });
      for (const id of sliceIdsOf(spec, row, false)) {
        let b = slices.get(id);
        if (b === undefined) { b = createProfileBuilder(specs, { bins: 20 }); slices.set(id, b); }
        recordProfileRow(b, row.features);
        if (pass === 1) {
          let sb = behaviour.slices.get(id);
          if (sb === undefined) { sb = createBehaviour(spec); behaviour.slices.set(id, sb); }
          recordBehaviour(sb, spec, row, options.labels !== false);
        }
      }
      if (pass === 1) recordBehaviour(behaviour.overall, spec, row, options.labels !== false);
    }
    if (pass === 1) for (const b of [overall, prediction, ...slices.values()]) startHistogramPass(b);
  }
  const doc = {
    kind: 'driftline-baseline', version: 1, modelId: spec.modelId, createdAt: '2026-11-20T00:00:00.000Z',
    source: { file: 'train.jsonl', format: 'jsonl' }, rows: rows.length, skippedLines: 0, bins: 20,
    sliceKeys: spec.slices.keys, maxValuesPerKey: spec.slices.maxValuesPerKey,
    overall: toReferenceProfile(overall),
    slices: Object.fromEntries([...slices].sort(([a], [b]) => a.localeCompare(b)).map(([id, b]) => [id, toReferenceProfile(b)])),
    prediction: toReferenceProfile(prediction),
    behaviour: { overall: behaviour.overall, slices: Object.fromEntries(behaviour.slices) },
  };
  return parseBaselineDocument(JSON.parse(JSON.stringify(doc)));
}

interface Accumulator {
  records: number;
  readonly features: ReturnType<typeof createWindowStatsLike>;
  readonly quality: Record<string, ReturnType<typeof createQualityCounts>>;
  readonly score: ReturnType<typeof createNumericFeatureStats>;
  readonly predictedLabels: Record<string, number>;
  readonly behaviour: Behaviour;
}

/**
 * The visible slice-windows of `rows` (overall and every slice with at least `kAnonymity` records),
 * as the aggregator's read API returns them with `detail=stats`, parsed back.
 */
export function toWindows(spec: MonitorSpecDocument, baseline: BaselineDocument, rows: readonly SyntheticRow[], options: { start?: number; labels?: boolean; kAnonymity?: number } = {}): WindowSnapshot[] {
  const specs = featureSpecs(spec);
  const statsSpecs = specs.filter((s) => s.pii !== true);
  const checks = specs.map((s) => [s.name, createQualityCheck(s)] as const);
  const cells = new Map<string, Accumulator>();
  const cell = (id: string): Accumulator => {
    let acc = cells.get(id);
    if (acc === undefined) {
      acc = {
        records: 0, features: createWindowStatsLike(baseline.overall.stats), quality: Object.fromEntries(specs.map((s) => [s.name, createQualityCounts()])),
        score: createNumericFeatureStats([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]), predictedLabels: {}, behaviour: createBehaviour(spec),
      };
      cells.set(id, acc);
    }
    return acc;
  };
  const recorder = createWindowRecorder(statsSpecs, cell('overall').features);
  for (const row of rows) {
    for (const id of ['overall', ...sliceIdsOf(spec, row, true)]) {
      const acc = cell(id);
      acc.records += 1;
      recordWindowRow(acc.features, recorder, row.features);
      for (const [name, check] of checks) { const q = acc.quality[name]; if (q !== undefined) recordQuality(q, check(row.features[name])); }
      recordNumericFeature(acc.score, row.score);
      acc.predictedLabels[row.predicted] = (acc.predictedLabels[row.predicted] ?? 0) + 1;
      recordBehaviour(acc.behaviour, spec, row, options.labels !== false);
    }
  }
  const start = options.start ?? WINDOW_START;
  const floor = options.kAnonymity ?? spec.privacy.kAnonymity;
  const overallRecords = cells.get('overall')?.records ?? 0;
  return [...cells].filter(([, acc]) => acc.records >= floor).map(([slice, acc], i) => parseWindowSnapshot(JSON.parse(JSON.stringify({
    start, end: start + WINDOW_SIZE, version: '3', slice, records: acc.records, late: 0, outcomesLate: 0, sliceShare: acc.records / overallRecords,
    features: {}, prediction: {}, outcomes: {},
    stats: {
      features: acc.features, score: acc.score, quality: acc.quality, predictedLabels: acc.predictedLabels, coMoments: acc.behaviour.coMoments,
      outcomes: { ...acc.behaviour.outcomes, calibration: { n: [], score: [], positive: [] } },
    },
  })), `windows[${i}]`));
}
