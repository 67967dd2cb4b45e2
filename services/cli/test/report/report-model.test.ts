import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.ts';
import type { InputRow } from '../../src/input/input-row.ts';
import { sampleSpec, toSampleReport, toSampleRows } from './sample-data.ts';

function toModel(reference: readonly InputRow[], current: readonly InputRow[], spec = sampleSpec): ReportModel {
  return toSampleReport({ reference, current, spec });
}

const feature = (model: ReportModel, name: string) => model.overall.features.find((f) => f.name === name);

describe('toReportModel', () => {
  it('detects drift on a shifted feature and not on the unshifted ones', () => {
    // Arrange
    const reference = toSampleRows({ n: 3000, seed: 1 });
    const current = toSampleRows({ n: 2000, seed: 2, shiftIncome: 1.6 });
    // Act
    const model = toModel(reference, current);
    // Assert
    expect(feature(model, 'income')?.verdict).toBe('drift');
    expect(feature(model, 'income')?.drift?.method).toBe('wasserstein');
    expect(feature(model, 'age')?.verdict).toBe('no-drift');
    expect(feature(model, 'employment')?.verdict).toBe('no-drift');
    expect(model.summary.driftedFeatures).toEqual(['income']);
  });

  it('reports no drift anywhere when current equals reference', () => {
    const rows = toSampleRows({ n: 3000, seed: 3 });
    const model = toModel(rows, rows);
    expect(model.summary.driftedFeatures).toEqual([]);
    expect(model.summary.slicesWithDrift).toBe(0);
    expect(model.summary.predictionDrift).toBe(false);
    for (const f of model.overall.features.filter((x) => !x.pii)) expect(f.drift?.score).toBeCloseTo(f.drift?.pValue === true ? 1 : 0, 6);
  });

  it('never profiles personal data but counts its quality', () => {
    const rows = toSampleRows({ n: 500, seed: 4 });
    const email = feature(toModel(rows, rows), 'email');
    expect(email?.verdict).toBe('not-tested');
    expect(email?.chart).toBeUndefined();
    expect(email?.quality.current.total).toBe(500);
  });

  it('caps slice values per key and sends the rest to __other__', () => {
    const rows = toSampleRows({ n: 900, seed: 5 });
    const model = toModel(rows, rows);
    expect(model.slices.map((s) => s.id)).toEqual(['region=__other__', 'region=eu', 'region=us']);
    expect(model.slices.every((s) => s.currentRows === 300 && s.tested)).toBe(true);
  });

  it('ranks the slice where a feature moved furthest first among slices with as many drifted features', () => {
    const reference = toSampleRows({ n: 3000, seed: 12 });
    const current = toSampleRows({ n: 3000, seed: 13, shiftIncome: 1.4 }).map((r) => (
      r.slice?.['region'] === 'us' ? { ...r, features: { ...r.features, income: Number(r.features['income']) * 1.5 } } : r));
    const worst = toModel(reference, current).summary.worstSlices;
    expect(worst.map((w) => w.id)).toEqual(['region=us', 'region=eu', 'region=__other__']); // KS p ≈ 1e-244, 1e-73, 1e-67
  });

  it('does not test slices below the spec minimum', () => {
    const model = toModel(toSampleRows({ n: 3000, seed: 6 }), toSampleRows({ n: 60, seed: 7 }));
    expect(model.overall.tested).toBe(true);
    expect(model.slices.every((s) => !s.tested && s.reason?.includes('too few rows') === true)).toBe(true);
  });

  it('uses the statistic and threshold the spec names for a feature', () => {
    const spec = { ...sampleSpec, features: sampleSpec.features.map((f) => (f.name === 'age' ? { ...f, drift: { statistic: 'psi' as const, threshold: 0.5 } } : f)) };
    const rows = toSampleRows({ n: 2000, seed: 8 });
    const age = feature(toModel(rows, toSampleRows({ n: 2000, seed: 9 }), spec), 'age');
    expect(age?.drift).toMatchObject({ method: 'psi', methodSource: 'spec', threshold: 0.5 });
  });

  it('counts data-quality problems in the current data', () => {
    const reference = toSampleRows({ n: 500, seed: 10 });
    const current = toSampleRows({ n: 500, seed: 11 }).map((r, i) => ({
      ...r, features: { ...r.features, age: i < 10 ? 150 : i < 30 ? null : r.features['age'], employment: i < 5 ? 'pirate' : r.features['employment'] },
    }));
    const model = toModel(reference, current);
    expect(feature(model, 'age')?.quality.current).toMatchObject({ outOfRange: 10, missing: 20 });
    expect(feature(model, 'employment')?.quality.current.unseenCategory).toBe(5);
    expect(model.summary.qualityProblems).toBe(35);
  });
});
