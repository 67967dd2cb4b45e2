import { describe, expect, it } from 'vitest';
import { chooseDriftMethod, isDrift } from '../../src/drift/methods.ts';
import { driftFromSamples } from '../../src/drift/drift-from-samples.ts';
import { hellingerDistance, jensenShannonDistance, klDivergence, lInfinityDistance, psi } from '../../src/drift/divergences.ts';
import { chiSquareGoodnessOfFit } from '../../src/drift/chi-square.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

describe('automatic choice (Evidently data drift preset)', () => {
  it.each([
    [{ featureType: 'numeric', referenceSize: 1000, uniqueCount: 6 }, 'ks'],
    [{ featureType: 'numeric', referenceSize: 1000, uniqueCount: 5 }, 'chisquare'],
    [{ featureType: 'numeric', referenceSize: 500, uniqueCount: 2 }, 'z'],
    [{ featureType: 'categorical', referenceSize: 1000, uniqueCount: 3 }, 'chisquare'],
    [{ featureType: 'boolean', referenceSize: 10, uniqueCount: 2 }, 'z'],
    [{ featureType: 'numeric', referenceSize: 1001, uniqueCount: 6 }, 'wasserstein'],
    [{ featureType: 'numeric', referenceSize: 1001, uniqueCount: 5 }, 'jensenshannon'],
    [{ featureType: 'categorical', referenceSize: 5000, uniqueCount: 50 }, 'jensenshannon'],
  ] as const)('%j → %s', (input, expected) => {
    expect(chooseDriftMethod(input)).toBe(expected);
  });

  it('lets a feature override the statistic and the threshold', () => {
    const r = driftFromSamples([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 7], { featureType: 'numeric', method: 'psi', threshold: 5 });
    expect(r.method).toBe('psi');
    expect(r.threshold).toEqual({ threshold: 5, rule: 'gte' });
    expect(r.drift).toBe(false);
  });

  it('applies the rules: distances >=, KS <=, chi-square and Z <', () => {
    expect(isDrift(0.1, { threshold: 0.1, rule: 'gte' })).toBe(true);
    expect(isDrift(0.05, { threshold: 0.05, rule: 'lte' })).toBe(true);
    expect(isDrift(0.05, { threshold: 0.05, rule: 'lt' })).toBe(false);
    expect(isDrift(Number.NaN, { threshold: 0.05, rule: 'lt' })).toBe(false);
  });

  it('rejects empty samples and strings for numeric statistics', () => {
    expectStatsError(() => driftFromSamples([], [1], { featureType: 'numeric' }), 'DL_STATS_EMPTY_SAMPLE');
    expectStatsError(() => driftFromSamples(['a'], ['b'], { featureType: 'categorical', method: 'ks' }), 'DL_STATS_UNSUPPORTED_INPUT');
  });
});

describe('divergences on share vectors', () => {
  const r = [0.5, 0.3, 0.2];
  const c = [0.2, 0.3, 0.5];
  it('are zero for identical distributions', () => {
    expect(psi(r, r)).toBe(0);
    expect(klDivergence(r, r)).toBe(0);
    expect(jensenShannonDistance(r, r)).toBe(0);
    expect(hellingerDistance(r, r)).toBeCloseTo(0, 7);
    expect(lInfinityDistance(r, r)).toBe(0);
  });
  it('match hand-computed values', () => {
    expect(psi(r, c)).toBeCloseTo(2 * 0.3 * Math.log(2.5), 14);
    expect(lInfinityDistance(r, c)).toBeCloseTo(0.3, 15);
    expect(jensenShannonDistance([1, 0], [0, 1], 2)).toBeCloseTo(1, 15);
    expect(klDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(Math.log(2), 15);
  });
  it('chi-square gives infinity and p = 0 for an expected zero', () => {
    const res = chiSquareGoodnessOfFit([1, 2], [0, 3]);
    expect(res.statistic).toBe(Infinity);
    expect(res.pValue).toBe(0);
  });
});
