import { describe, expect, it } from 'vitest';
import { DriftKind } from '@driftline/schemas';
import { toWindowFindings } from '../../../src/core/window-findings/index.ts';
import { toSyntheticRows } from './support/synthetic-rows.ts';
import { toBaseline, toSpec, toWindows } from './support/window-fixtures.ts';

const spec = toSpec();
const baseline = toBaseline(spec, toSyntheticRows({ n: 6000, seed: 1 }));

describe('data drift', () => {
  it('reports a shift in one feature of one slice once, at that slice, and nothing on a control stream', () => {
    // Arrange: income × 1.8 in region=eu only; a control window from the same distribution
    const shifted = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 2, incomeFactor: 1.8, regions: ['eu'] }));
    const control = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 3 }));
    // Act
    const findings = toWindowFindings({ spec, baseline, windows: shifted, pass: 'inputs' });
    const quiet = toWindowFindings({ spec, baseline, windows: control, pass: 'inputs' });
    // Assert
    const drift = findings.filter((f) => f.kind === DriftKind.DATA_DRIFT);
    expect(drift.map((f) => [f.slice, f.feature])).toEqual([['region=eu', 'income']]);
    expect(quiet).toEqual([]);
    const [finding] = drift;
    expect(finding?.statistic).toBe('wasserstein');
    expect(finding?.value).toBeGreaterThan(finding?.threshold ?? Infinity);
    expect(finding?.explanation).toMatch(/^Feature income drifted in slice region=eu in the window from 2026-11-27T10:00:00Z: normed Wasserstein distance [\d.]+ \(threshold 0\.1; adjusted Kolmogorov-Smirnov p-value [\d.e-]+ after Benjamini-Hochberg correction over 6 tests\) between [\d,]+ window values and [\d,]+ reference values; mean [\d,]+ vs [\d,]+ in the reference; this slice explains the change seen across all traffic\.$/);
    expect(finding?.recommendedAction).toContain('Check the upstream producer of income for records of region=eu since 2026-11-27T10:00:00Z');
    expect(finding?.recommendedAction).toContain('retrain with data after 2026-11-27T10:00:00Z');
  });

  it('reports a shift everywhere once, overall', () => {
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 4, incomeFactor: 1.8 }));
    const drift = toWindowFindings({ spec, baseline, windows }).filter((f) => f.kind === DriftKind.DATA_DRIFT);
    expect(drift.map((f) => [f.slice, f.feature])).toEqual([['overall', 'income']]);
    expect(drift[0]?.explanation).toContain('every tested slice of region, channel shows it too');
    expect(drift[0]?.severity).toBe('CRITICAL');
  });

  it('names the category whose share moved for a categorical feature', () => {
    const rows = toSyntheticRows({ n: 1500, seed: 5 }).map((r) => ({ ...r, features: { ...r.features, employment: r.features['employment'] === 'retired' ? 'student' : r.features['employment'] } }));
    const drift = toWindowFindings({ spec, baseline, windows: toWindows(spec, baseline, rows) }).filter((f) => f.kind === DriftKind.DATA_DRIFT);
    expect(drift.map((f) => [f.slice, f.feature, f.statistic])).toEqual([['overall', 'employment', 'jensen-shannon']]);
    expect(drift[0]?.explanation).toMatch(/share of "(retired|student)" [\d.]+% vs [\d.]+% in the reference/);
  });

  it('never tests a pii feature', () => {
    const rows = toSyntheticRows({ n: 1500, seed: 6 }).map((r) => ({ ...r, features: { ...r.features, email: 'same@example.com' } }));
    const findings = toWindowFindings({ spec, baseline, windows: toWindows(spec, baseline, rows) });
    expect(findings.filter((f) => f.feature === 'email')).toEqual([]);
    expect(JSON.stringify(findings)).not.toContain('@example.com');
  });

  it('uses the statistic and threshold the spec names for a feature', () => {
    const psiSpec = toSpec({ features: spec.features.map((f) => (f.name === 'income' ? { ...f, drift: { statistic: 'psi' as const, threshold: 0.2 } } : f)) });
    const windows = toWindows(psiSpec, baseline, toSyntheticRows({ n: 1500, seed: 7, incomeFactor: 1.8 }));
    const drift = toWindowFindings({ spec: psiSpec, baseline, windows }).filter((f) => f.kind === DriftKind.DATA_DRIFT);
    expect(drift.map((f) => [f.feature, f.statistic, f.threshold])).toEqual([['income', 'psi', 0.2]]);
  });

  it('does not test windows under drift.minSamples', () => {
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 90, seed: 8, incomeFactor: 3 }));
    expect(toWindowFindings({ spec, baseline, windows }).filter((f) => f.kind === DriftKind.DATA_DRIFT)).toEqual([]);
  });

  it('simply skips slices suppressed by k-anonymity', () => {
    const rows = toSyntheticRows({ n: 1500, seed: 9, incomeFactor: 1.8, regions: ['eu'] });
    const windows = toWindows(spec, baseline, rows).filter((w) => w.slice !== 'region=eu');
    const drift = toWindowFindings({ spec, baseline, windows }).filter((f) => f.kind === DriftKind.DATA_DRIFT);
    expect(drift.every((f) => f.slice !== 'region=eu')).toBe(true);
  });
});
