// The label-side tests: performance and concept drift, label drift, fairness.
import { describe, expect, it } from 'vitest';
import { DriftKind } from '@driftline/schemas';
import { toBurnInBehaviour, toWindowFindings } from '../../../src/core/window-findings/index.ts';
import type { Finding } from '../../../src/core/window-findings/index.ts';
import { toSyntheticRows } from './support/synthetic-rows.ts';
import { WINDOW_START, toBaseline, toSpec, toWindows } from './support/window-fixtures.ts';

const spec = toSpec();
const reference = toSyntheticRows({ n: 6000, seed: 1 });
const baseline = toBaseline(spec, reference);
const unlabelled = toBaseline(spec, reference, { labels: false });
const decay = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.kind === DriftKind.PERFORMANCE || f.kind === DriftKind.CONCEPT_DRIFT);

describe('performance and concept drift', () => {
  it('reports an accuracy drop in one slice with stable inputs as concept drift, at that slice', () => {
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 2, accuracy: { eu: 0.6 } }));
    const findings = decay(toWindowFindings({ spec, baseline, windows, pass: 'outcomes' }));
    expect(findings.map((f) => [f.kind, f.slice, f.statistic])).toEqual([[DriftKind.CONCEPT_DRIFT, 'region=eu', 'accuracy-drop']]);
    const [f] = findings;
    expect(f?.value).toBeGreaterThan(0.2);
    expect(f?.threshold).toBe(0.05);
    expect(f?.severity).toBe('CRITICAL');
    expect(f?.explanation).toMatch(/^In the window from 2026-11-27T10:00:00Z in slice region=eu, accuracy fell from [\d.]+% \(the reference data, [\d,]+ labelled rows\) to [\d.]+% on \d+ labelled outcomes \(a drop of [\d.]+ points, alert at 5 points\), while its input features did not drift: the relation between inputs and labels changed \(concept drift\); this slice explains the change seen across all traffic\.$/);
    expect(f?.recommendedAction).toBe('Retrain with labelled data from after 2026-11-27T10:00:00Z (older examples of slice region=eu now mislead the model) and keep collecting labels for slice region=eu to confirm the change.');
  });

  it('calls it performance decay when the inputs of that slice drifted too, naming them', () => {
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 3, accuracy: { eu: 0.6 }, incomeFactor: 1.8, regions: ['eu'] }));
    const findings = decay(toWindowFindings({ spec, baseline, windows, pass: 'outcomes' }));
    expect(findings.map((f) => [f.kind, f.slice])).toEqual([[DriftKind.PERFORMANCE, 'region=eu']]);
    expect(findings[0]?.explanation).toContain('input features income drifted in the same window');
    expect(findings[0]?.recommendedAction).toContain('Fix upstream data problems in income first');
  });

  it('stays quiet on stable outcomes and without any reference outcomes', () => {
    const rows = toSyntheticRows({ n: 1500, seed: 4 });
    expect(toWindowFindings({ spec, baseline, windows: toWindows(spec, baseline, rows), pass: 'outcomes' })).toEqual([]);
    const dropped = toSyntheticRows({ n: 1500, seed: 5, accuracy: { eu: 0.6 } });
    expect(decay(toWindowFindings({ spec, baseline: unlabelled, windows: toWindows(spec, unlabelled, dropped), pass: 'outcomes' }))).toEqual([]);
  });

  it('takes the reference from burn-in windows when the baseline has no labels', () => {
    const earlier = [0, 1, 2].flatMap((i) => toWindows(spec, unlabelled, toSyntheticRows({ n: 1500, seed: 20 + i }), { start: WINDOW_START - (3 - i) * 300_000 }));
    const windows = toWindows(spec, unlabelled, toSyntheticRows({ n: 1500, seed: 6, accuracy: { eu: 0.6 } }));
    const findings = decay(toWindowFindings({ spec, baseline: unlabelled, windows, burnIn: toBurnInBehaviour(earlier), pass: 'outcomes' }));
    expect(findings.map((f) => [f.kind, f.slice])).toEqual([[DriftKind.CONCEPT_DRIFT, 'region=eu']]);
    expect(findings[0]?.explanation).toContain('(earlier windows, ');
  });

  it('reports a rise of the mean absolute error for regression models', () => {
    const regression = toSpec({ prediction: { type: 'regression' } });
    const base = toBaseline(regression, reference);
    const stable = toWindowFindings({ spec: regression, baseline: base, windows: toWindows(regression, base, toSyntheticRows({ n: 1500, seed: 7 })), pass: 'outcomes' });
    const worse = toWindowFindings({ spec: regression, baseline: base, windows: toWindows(regression, base, toSyntheticRows({ n: 1500, seed: 8, errorScale: 1.5, regions: ['us'] })), pass: 'outcomes' });
    expect(stable).toEqual([]);
    expect(worse.map((f) => [f.kind, f.slice, f.statistic])).toEqual([[DriftKind.CONCEPT_DRIFT, 'region=us', 'mae-rise']]);
    expect(worse[0]?.explanation).toContain('the mean absolute error rose from');
  });
});

describe('label drift', () => {
  it('reports a changed label distribution in one slice', () => {
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed: 9, declineRate: 0.9, regions: ['us'] }));
    const findings = toWindowFindings({ spec, baseline, windows, pass: 'outcomes' }).filter((f) => f.kind === DriftKind.LABEL_DRIFT);
    expect(findings.map((f) => [f.slice, f.statistic, f.threshold])).toEqual([['region=us', 'label-psi', 0.1]]);
    expect(findings[0]?.explanation).toMatch(/share of "(decline|approve)" [\d.]+% vs [\d.]+% in the reference/);
    expect(findings[0]?.recommendedAction).toContain('Check the label source');
  });
});

describe('fairness', () => {
  it('reports the false-positive-rate gap between the best and the worst slice of a key', () => {
    const windows = toWindows(spec, baseline, toSyntheticRows({ n: 3000, seed: 10, falsePositiveRegion: 'apac' }));
    const findings = toWindowFindings({ spec, baseline, windows, pass: 'outcomes' }).filter((f) => f.kind === DriftKind.FAIRNESS);
    expect(findings.map((f) => [f.slice, f.statistic])).toEqual([['region=apac', 'fpr-gap']]);
    expect(findings[0]?.value).toBeGreaterThanOrEqual(0.1);
    expect(findings[0]?.explanation).toMatch(/^The false-positive rate differs by [\d.]+ between slices of region in the window from 2026-11-27T10:00:00Z: region=apac [\d.]+% of \d+ actual negatives against region=(eu|us) [\d.]+% of \d+ \(alert at a gap of 0\.1\)\.$/);
    expect(findings[0]?.recommendedAction).toContain('Collect more labels for region=apac');
  });

  it('stays quiet when the rates agree, and for models without a positive label', () => {
    const rows = toSyntheticRows({ n: 3000, seed: 11 });
    expect(toWindowFindings({ spec, baseline, windows: toWindows(spec, baseline, rows), pass: 'outcomes' }).filter((f) => f.kind === DriftKind.FAIRNESS)).toEqual([]);
    const noPositive = toSpec({ prediction: { type: 'binary', labels: ['approve', 'decline'] } });
    const unfair = toSyntheticRows({ n: 3000, seed: 10, falsePositiveRegion: 'apac' });
    expect(toWindowFindings({ spec: noPositive, baseline, windows: toWindows(noPositive, baseline, unfair), pass: 'outcomes' }).filter((f) => f.kind === DriftKind.FAIRNESS)).toEqual([]);
  });
});
