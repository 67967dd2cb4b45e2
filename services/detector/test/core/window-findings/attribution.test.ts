import { describe, expect, it } from 'vitest';
import { DriftKind, Severity } from '@driftline/schemas';
import { toAttributedFindings } from '../../../src/core/window-findings/attribution.ts';
import type { Evaluation } from '../../../src/core/window-findings/finding.ts';

function evaluation(slice: string, margin: number, topic = 'data-drift|income'): Evaluation {
  const base = { topic, slice, margin };
  if (margin < 1) return base;
  return {
    ...base,
    finding: {
      kind: DriftKind.DATA_DRIFT, slice, feature: 'income', statistic: 'psi', value: margin / 10, threshold: 0.1, severity: Severity.WARNING,
      referenceSize: 1000, currentSize: 500, explanation: `Feature income drifted in ${slice}.`, recommendedAction: 'Check.',
    },
  };
}

const slicesOf = (evaluations: readonly Evaluation[]): string[] => toAttributedFindings(evaluations).map((f) => f.slice).sort();

describe('toAttributedFindings', () => {
  it('reports a change one slice explains at that slice only, noting that it explains the overall one', () => {
    const findings = toAttributedFindings([evaluation('overall', 2), evaluation('region=eu', 5), evaluation('region=us', 0.3), evaluation('region=apac', 0.2)]);
    expect(findings.map((f) => f.slice)).toEqual(['region=eu']);
    expect(findings[0]?.explanation).toBe('Feature income drifted in region=eu; this slice explains the change seen across all traffic.');
  });

  it('keeps several fired slices of the localising key', () => {
    expect(slicesOf([evaluation('overall', 2), evaluation('region=eu', 3), evaluation('region=us', 2), evaluation('region=apac', 0.5)])).toEqual(['region=eu', 'region=us']);
  });

  it('drops the slices of another key that only carry the change along, keeping the strongest localising key', () => {
    // eu drifted; both channels contain eu records, one of them crossed the threshold too
    const evaluations = [
      evaluation('overall', 1.5), evaluation('region=eu', 6), evaluation('region=us', 0.4), evaluation('region=apac', 0.6),
      evaluation('channel=web', 1.8), evaluation('channel=app', 0.9),
    ];
    expect(slicesOf(evaluations)).toEqual(['region=eu']);
  });

  it('reports a change seen in every slice once, overall', () => {
    const findings = toAttributedFindings([evaluation('overall', 4), evaluation('region=eu', 4), evaluation('region=us', 3), evaluation('channel=web', 2), evaluation('channel=app', 3)]);
    expect(findings.map((f) => f.slice)).toEqual(['overall']);
    expect(findings[0]?.explanation).toBe('Feature income drifted in overall; every tested slice of region, channel shows it too.');
  });

  it('keeps slice findings when the overall window stayed stable and no key localises', () => {
    expect(slicesOf([evaluation('overall', 0.5), evaluation('region=eu', 2)])).toEqual(['region=eu']);
    expect(slicesOf([evaluation('region=eu', 2), evaluation('region=us', 0.2)])).toEqual(['region=eu']);
  });

  it('attributes each topic on its own and keeps cross-slice topics as they are', () => {
    const evaluations = [
      evaluation('overall', 2), evaluation('region=eu', 3), evaluation('region=us', 0.1),
      evaluation('overall', 2, 'data-drift|age'), evaluation('region=eu', 2, 'data-drift|age'), evaluation('region=us', 2, 'data-drift|age'),
      evaluation('region=eu', 3, 'slice-mix|region'),
    ];
    expect(toAttributedFindings(evaluations).map((f) => f.slice)).toEqual(['region=eu', 'region=eu', 'overall']);
  });
});
