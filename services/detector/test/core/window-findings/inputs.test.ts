// Input-side tests besides data drift: correlation with the score, slice mix, prediction drift.
import { describe, expect, it } from 'vitest';
import { DriftKind } from '@driftline/schemas';
import { toBurnInBehaviour, toWindowFindings } from '../../../src/core/window-findings/index.ts';
import { toSyntheticRows } from './support/synthetic-rows.ts';
import { WINDOW_START, toBaseline, toSpec, toWindows } from './support/window-fixtures.ts';

const spec = toSpec();
const reference = toSyntheticRows({ n: 6000, seed: 1 });
const baseline = toBaseline(spec, reference);
const ofKind = (kind: string, windows: ReturnType<typeof toWindows>, b = baseline) =>
  toWindowFindings({ spec, baseline: b, windows, pass: 'inputs' }).filter((f) => f.kind === kind);

describe('correlation', () => {
  it('reports a feature whose relation with the score broke in one slice', () => {
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 2, scoreIgnoresIncome: true, regions: ['eu'] }));
    const findings = ofKind(DriftKind.CORRELATION, windows).filter((f) => f.feature === 'income');
    expect(findings.map((f) => [f.slice, f.statistic, f.threshold])).toEqual([['region=eu', 'correlation-change', 0.2]]);
    expect(findings[0]?.explanation).toMatch(/^The correlation of income with the model's score changed in slice region=eu in the window from 2026-11-27T10:00:00Z: r = -?[\d.]+ over \d+ predictions against 0\.[\d]+ in the reference data \(Fisher test p [\d.e-]+\)/);
  });

  it('stays quiet on a control stream and uses burn-in co-moments when the baseline has none', () => {
    expect(ofKind(DriftKind.CORRELATION, toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 3 })))).toEqual([]);
    const noBehaviour = { ...baseline, behaviour: undefined };
    const earlier = toWindows(spec, baseline, toSyntheticRows({ n: 3000, seed: 4 }), { start: WINDOW_START - 300_000 });
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 5, scoreIgnoresIncome: true, regions: ['eu'] }));
    const findings = toWindowFindings({ spec, baseline: noBehaviour, windows, burnIn: toBurnInBehaviour(earlier), pass: 'inputs' })
      .filter((f) => f.kind === DriftKind.CORRELATION && f.feature === 'income');
    expect(findings.map((f) => f.slice)).toEqual(['region=eu']);
    expect(findings[0]?.explanation).toContain('in earlier windows');
  });
});

describe('slice mix', () => {
  it('reports a changed share of slices once per key, naming the values that moved most', () => {
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 6, regionWeights: { eu: 4 } }));
    const findings = ofKind(DriftKind.SLICE_MIX, windows);
    expect(findings.map((f) => [f.slice, f.feature, f.statistic])).toEqual([['overall', 'region', 'slice-share-psi']]);
    expect(findings[0]?.explanation).toMatch(/^The mix of traffic over region changed in the window from 2026-11-27T10:00:00Z: region=eu 6\d\.\d% of records \(reference 3\d\.\d%\), /);
    expect(findings[0]?.recommendedAction).toContain('for region=eu');
    expect(ofKind(DriftKind.DATA_DRIFT, windows)).toEqual([]);
  });

  it('treats a slice suppressed by k-anonymity as part of the rest, on both sides', () => {
    // apac nearly vanishes: its few records are below the floor, so its slice-window is absent
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 7, regionWeights: { apac: 0.005 } }));
    expect(windows.some((w) => w.slice === 'region=apac')).toBe(false);
    const findings = ofKind(DriftKind.SLICE_MIX, windows);
    expect(findings.map((f) => f.feature)).toEqual(['region']);
    expect(findings[0]?.explanation).not.toContain('apac');
  });

  it('stays quiet on a control stream', () => {
    expect(ofKind(DriftKind.SLICE_MIX, toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 8 })))).toEqual([]);
  });
});

describe('prediction drift', () => {
  it('reports drifted scores and predicted labels overall', () => {
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 9, incomeFactor: 1.6 }));
    const findings = ofKind(DriftKind.PREDICTION_DRIFT, windows);
    expect(findings.map((f) => [f.slice, f.feature, f.statistic])).toEqual([['overall', null, 'label-jensen-shannon'], ['overall', null, 'score-wasserstein']]);
    expect(findings[1]?.explanation).toMatch(/^The model's prediction scores drifted across all traffic in the window from 2026-11-27T10:00:00Z: normed Wasserstein distance/);
  });
});
