import { describe, expect, it } from 'vitest';
import { DriftKind } from '@driftline/schemas';
import { toWindowFindings } from '../../../src/core/window-findings/index.ts';
import { toSyntheticRows } from './support/synthetic-rows.ts';
import type { SyntheticRow } from './support/synthetic-rows.ts';
import { toBaseline, toSpec, toWindows } from './support/window-fixtures.ts';

const spec = toSpec();
const baseline = toBaseline(spec, toSyntheticRows({ n: 6000, seed: 1 }));
const quality = (rows: readonly SyntheticRow[], s = spec) => toWindowFindings({ spec: s, baseline, windows: toWindows(s, baseline, rows), pass: 'inputs' })
  .filter((f) => f.kind === DriftKind.DATA_QUALITY);

describe('data quality', () => {
  it('reports missing values that rise in one slice, at that slice', () => {
    const findings = quality(toSyntheticRows({ n: 1500, seed: 2, missingDebt: 0.3, regions: ['apac'] }));
    expect(findings.map((f) => [f.slice, f.feature, f.statistic])).toEqual([['region=apac', 'debt_ratio', 'missing-rate']]);
    const [f] = findings;
    expect(f?.threshold).toBe(0.05);
    expect(f?.value).toBeGreaterThan(0.25);
    expect(f?.severity).toBe('CRITICAL');
    expect(f?.explanation).toMatch(/^[\d.]+% of debt_ratio values are missing in slice region=apac in the window from 2026-11-27T10:00:00Z \(\d+ of \d+ records; reference 0\.0%, alert at 5\.0%\); this slice explains the change seen across all traffic\.$/);
    expect(f?.recommendedAction).toContain('Check the upstream producer of debt_ratio for records of region=apac');
  });

  it('reports out-of-range values, unseen categories and wrong types against the spec', () => {
    const rows = toSyntheticRows({ n: 1500, seed: 3 }).map((r, i) => ({
      ...r,
      features: { ...r.features, age: i % 9 === 0 ? 150 : r.features['age'], employment: i % 21 === 0 ? 'contractor' : r.features['employment'], has_card: i % 25 === 0 ? 'yes' : r.features['has_card'] },
    }));
    const findings = quality(rows);
    expect(findings.map((f) => [f.slice, f.feature, f.statistic])).toEqual([
      ['overall', 'age', 'out-of-range-rate'], ['overall', 'employment', 'unseen-category-rate'], ['overall', 'has_card', 'wrong-type-rate'],
    ]);
    expect(findings[0]?.explanation).toContain('of age values are outside the declared range [18, 120]');
  });

  it('localises a problem of one channel at that channel, not at the regions it crosses', () => {
    const rows = toSyntheticRows({ n: 1500, seed: 6 }).map((r, i) => ({ ...r, features: { ...r.features, age: i % 10 === 0 ? 150 : r.features['age'] } }));
    expect(quality(rows).map((f) => [f.slice, f.feature])).toEqual([['channel=web', 'age']]);
  });

  it('counts pii features too, without naming any value', () => {
    const rows = toSyntheticRows({ n: 1500, seed: 4 }).map((r, i) => ({ ...r, features: { ...r.features, email: i % 5 === 0 ? null : r.features['email'] } }));
    const findings = quality(rows);
    expect(findings.map((f) => [f.slice, f.feature, f.statistic])).toEqual([['overall', 'email', 'missing-rate']]);
    expect(JSON.stringify(findings)).not.toContain('@example.com');
  });

  it('waits for alerts.minEvidence records', () => {
    const strict = toSpec({ alerts: { minEvidence: 2000 } });
    expect(quality(toSyntheticRows({ n: 1500, seed: 5, missingDebt: 0.5 }), strict)).toEqual([]);
    expect(quality(toSyntheticRows({ n: 1500, seed: 5, missingDebt: 0.5 }))).not.toEqual([]);
  });
});
