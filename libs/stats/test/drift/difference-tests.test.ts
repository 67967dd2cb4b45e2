import { describe, expect, it } from 'vitest';
import { chiSquareFromCounts, chiSquareHomogeneity } from '../../src/drift/chi-square.ts';
import { fisherZTest, zTestMeans } from '../../src/drift/difference-tests.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

describe('fisherZTest', () => {
  it('compares two correlations on the Fisher scale', () => {
    // z = (atanh 0.3 − atanh 0.5)/√(2/100) = −1.69558; p = 2·(1 − Φ(1.69558)) = 0.0899717
    const r = fisherZTest({ r: 0.5, n: 103 }, { r: 0.3, n: 103 });
    expect(r.statistic).toBeCloseTo(-1.69558, 4);
    expect(r.pValue).toBeCloseTo(0.0899717, 6);
  });

  it('stays finite at |r| = 1 and refuses tiny samples', () => {
    expect(fisherZTest({ r: 1, n: 50 }, { r: 0, n: 50 }).pValue).toBeLessThan(1e-6);
    expectStatsError(() => fisherZTest({ r: 0.1, n: 3 }, { r: 0.2, n: 50 }), 'DL_STATS_INVALID_ARGUMENT');
  });
});

describe('zTestMeans', () => {
  it('is the large-sample test of a difference in means', () => {
    // z = 1/√(4/100 + 9/100) = 2.773501; p = 0.0055457
    const r = zTestMeans({ mean: 10, variance: 4, n: 100 }, { mean: 11, variance: 9, n: 100 });
    expect(r.statistic).toBeCloseTo(2.773501, 5);
    expect(r.pValue).toBeCloseTo(0.0055457, 6);
  });

  it('handles constant samples', () => {
    expect(zTestMeans({ mean: 1, variance: 0, n: 10 }, { mean: 1, variance: 0, n: 10 }).pValue).toBe(1);
    expect(zTestMeans({ mean: 1, variance: 0, n: 10 }, { mean: 2, variance: 0, n: 10 }).pValue).toBe(0);
  });
});

describe('chiSquareHomogeneity', () => {
  it('is the 2×K contingency-table test (scipy chi2_contingency, no continuity correction)', () => {
    // χ² = 12.5278 with 2 dof, whose survival function is exp(−χ²/2) = 0.00190383
    const r = chiSquareHomogeneity([10, 20, 30], [20, 20, 10]);
    expect(r.dof).toBe(2);
    expect(r.statistic).toBeCloseTo(12.527778, 5);
    expect(r.pValue).toBeCloseTo(0.00190383, 7);
  });

  it('counts the reference as a sample: less extreme than the goodness of fit on a small reference', () => {
    const reference = [30, 50, 20];
    const current = [300, 400, 300];
    expect(chiSquareHomogeneity(reference, current).pValue).toBeGreaterThan(chiSquareFromCounts(reference, current).pValue);
  });

  it('ignores categories empty on both sides and gives NaN with a single category', () => {
    expect(chiSquareHomogeneity([5, 0, 5], [5, 0, 5]).dof).toBe(1);
    expect(chiSquareHomogeneity([5, 0], [7, 0]).pValue).toBeNaN();
  });
});
