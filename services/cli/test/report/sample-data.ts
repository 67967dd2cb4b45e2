// Small seeded data sets and a monitor spec for the report and baseline tests.
import { parseMonitorSpec } from '@driftline/schemas';
import type { MonitorSpecDocument } from '@driftline/schemas';
import type { InputRow } from '../../src/input/input-row.ts';
import { createCurrentSet, recordCurrentRow } from '../../src/report/current-window.ts';
import { createProfileSet, recordProfileSetRow, startProfileSetPass2, toProfileSetResult } from '../../src/report/profile-set.ts';
import { toReportModel } from '../../src/report/report-model.ts';
import type { ReportModel } from '../../src/report/report-model.ts';
import { createFrozenSliceAssigner } from '../../src/report/slice-assigner.ts';

export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function toSpec(input: unknown): MonitorSpecDocument {
  const result = parseMonitorSpec(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.spec;
}

export const sampleSpec = toSpec({
  modelId: 'credit',
  prediction: { type: 'binary', labels: ['approve', 'decline'] },
  features: [
    { name: 'income', type: 'numeric', range: { min: 0 } },
    { name: 'age', type: 'numeric', range: { min: 18, max: 120 } },
    { name: 'employment', type: 'categorical', categories: ['employed', 'retired', 'student'] },
    { name: 'has_card', type: 'boolean' },
    { name: 'email', type: 'categorical', pii: true },
  ],
  slices: { keys: ['region'], maxValuesPerKey: 2 },
  drift: { correction: 'bonferroni', alpha: 0.05, minSamples: 50 },
});

/** `n` PredictionLog-shaped rows; `shiftIncome` multiplies income (a shifted feature). */
export function toSampleRows(options: { n: number; seed: number; shiftIncome?: number }): InputRow[] {
  const rng = createRng(options.seed);
  const regions = ['eu', 'us', 'apac'];
  return Array.from({ length: options.n }, (_, i) => {
    const income = Math.round((20_000 + 60_000 * rng()) * (options.shiftIncome ?? 1));
    const features = {
      income, age: 18 + Math.floor(60 * rng()), employment: rng() < 0.6 ? 'employed' : rng() < 0.5 ? 'retired' : 'student',
      has_card: rng() < 0.5, email: `person${i}@example.com`,
    };
    const score = rng();
    return { features, slice: { region: regions[i % 3] }, prediction: { score, label: score >= 0.5 ? 'decline' : 'approve' } };
  });
}

/** The report of `current` against the two-pass profile of `reference` (as the commands build it). */
export function toSampleReport(options: { reference: readonly InputRow[]; current: readonly InputRow[]; spec?: MonitorSpecDocument; bins?: number }): ReportModel {
  const spec = options.spec ?? sampleSpec;
  const set = createProfileSet(spec, { bins: options.bins ?? 10 });
  for (const row of options.reference) recordProfileSetRow(set, row);
  startProfileSetPass2(set);
  for (const row of options.reference) recordProfileSetRow(set, row);
  const profiles = toProfileSetResult(set);
  const current = createCurrentSet({
    specs: set.specs, predictionSpecs: set.predictionSpecs, reference: profiles,
    assigner: createFrozenSliceAssigner(spec.slices.keys, spec.slices.maxValuesPerKey, Object.keys(profiles.slices)),
  });
  for (const row of options.current) recordCurrentRow(current, row);
  return toReportModel({ spec, current, sources: { reference: 'ref.jsonl', current: 'cur.jsonl' }, generatedAt: '2026-11-27T10:00:00.000Z' });
}
