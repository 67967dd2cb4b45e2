import { describe, expect, it } from 'vitest';
import { compareWindowStats } from '../../src/drift/compare-windows.ts';
import { toFeatureSummary } from '../../src/profile/feature-summary.ts';
import { categoricalStats, decileEdges, numericStats } from '../support/feature-stats-from-sample.ts';

const refAge = Array.from({ length: 400 }, (_, i) => 20 + (i % 50));
const curAge = Array.from({ length: 300 }, (_, i) => 35 + (i % 50));
const edges = decileEdges(refAge);

describe('compareWindowStats', () => {
  const reference = {
    age: numericStats(refAge, edges),
    region: categoricalStats(['eu', 'us', 'eu', 'apac'], ['eu', 'us', 'apac']),
    score: numericStats([], [0, 1]),
    gone: numericStats([1, 2], [0, 3]),
  };
  const current = {
    age: numericStats(curAge, edges),
    region: categoricalStats(['eu', 'us', 'us'], ['eu', 'us', 'apac']),
    score: numericStats([0.5], [0, 1]),
  };

  it('compares every feature, skipping empty and absent ones', () => {
    const r = compareWindowStats(reference, current);
    expect(Object.keys(r.results).sort()).toEqual(['age', 'region']);
    expect(r.skipped).toEqual({ score: 'empty', gone: 'absent' });
    expect(r.results['age']?.method).toBe('ks');
    expect(r.results['age']?.drift).toBe(true);
  });

  it('applies per-feature overrides and the correction', () => {
    const r = compareWindowStats(reference, current, {
      overrides: { age: { method: 'psi', threshold: 0.01 } },
      correction: 'bonferroni',
    });
    expect(r.results['age']?.method).toBe('psi');
    expect(r.results['age']?.threshold.threshold).toBe(0.01);
    expect(r.results['region']?.adjustedPValue).toBeDefined();
  });
});

describe('toFeatureSummary', () => {
  it('summarises numeric statistics with sketch quantiles', () => {
    const s = toFeatureSummary(numericStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 5, 10]));
    if (s.kind !== 'numeric') throw new Error('expected numeric');
    expect(s.mean).toBe(5.5);
    expect(s.min).toBe(1);
    expect(s.quantiles.find((q) => q.q === 0.5)?.value).toBeCloseTo(5, 1);
  });

  it('summarises categorical shares with other', () => {
    const s = toFeatureSummary(categoricalStats(['a', 'a', 'b', 'z'], ['a', 'b']));
    expect(s).toEqual({ kind: 'categorical', count: 4, missingRate: 0, shares: { a: 0.5, b: 0.25, __other__: 0.25 } });
  });
});
