import { describe, expect, it } from 'vitest';
import { driftFromSamples } from '../../src/drift/drift-from-samples.ts';
import { chooseDriftMethod } from '../../src/drift/methods.ts';
import type { DriftMethod } from '../../src/drift/methods.ts';
import { ksTest } from '../../src/drift/kolmogorov-smirnov.ts';
import { wassersteinDistance, populationStd } from '../../src/drift/wasserstein.ts';
import { toWeightedSample } from '../../src/drift/weighted-sample.ts';
import { kolmogorovSf, smirnovSf } from '../../src/math/kolmogorov.ts';
import { chiSquareSf, normalCdf } from '../../src/math/gamma.ts';
import { benjaminiHochberg } from '../../src/drift/multiple-testing.ts';
import { loadGolden, relativeError, toNumber } from '../support/golden.ts';

const golden = loadGolden();
const tol = 1e-9;

describe('drift statistics against Evidently 0.7.21 / SciPy 1.17.1 goldens', () => {
  for (const c of golden.cases) {
    describe(c.name, () => {
      const featureType = c.featureType;
      it('chooses the same default statistic as Evidently', () => {
        const method = chooseDriftMethod({
          featureType,
          referenceSize: c.reference.length,
          uniqueCount: new Set([...c.reference, ...c.current]).size,
        });
        expect(method).toBe(c.evidently.default);
      });
      for (const [method, expected] of Object.entries(c.evidently.results)) {
        it(`matches Evidently ${method} to 1e-9 relative, with the same verdict`, () => {
          const result = driftFromSamples(c.reference, c.current, { featureType, method: method as DriftMethod });
          expect(relativeError(result.score, toNumber(expected.score))).toBeLessThanOrEqual(tol);
          expect(result.drift).toBe(expected.drift);
          expect(result.threshold.threshold).toBe(toNumber(expected.threshold));
        });
      }
      it('matches the L-infinity distance over the union of values', () => {
        const result = driftFromSamples(c.reference, c.current, { featureType, method: 'linfinity' });
        expect(relativeError(result.score, toNumber(c.linfinity))).toBeLessThanOrEqual(tol);
      });
      const scipy = c.scipy;
      if (scipy !== undefined) {
        const ref = toWeightedSample(c.reference as number[]);
        const cur = toWeightedSample(c.current as number[]);
        for (const mode of ['auto', 'exact', 'asymp'] as const) {
          it(`matches scipy ks_2samp method=${mode}`, () => {
            const res = ksTest(ref, cur, mode);
            expect(relativeError(res.statistic, toNumber(scipy.ks_2samp[mode].statistic))).toBeLessThanOrEqual(tol);
            expect(relativeError(res.pValue, toNumber(scipy.ks_2samp[mode].pValue))).toBeLessThanOrEqual(tol);
          });
        }
        it('matches scipy wasserstein_distance and np.std', () => {
          expect(relativeError(wassersteinDistance(ref, cur), toNumber(scipy.wasserstein))).toBeLessThanOrEqual(tol);
          expect(relativeError(populationStd(ref), toNumber(scipy.refStd))).toBeLessThanOrEqual(tol);
        });
      }
    });
  }
});

describe('distribution functions against SciPy goldens', () => {
  it('kstwo.sf matches to 1e-9 relative on the (n, x) grid', () => {
    for (const g of golden.kstwoSf) {
      expect({ n: g.n, x: g.x, err: relativeError(kolmogorovSf(g.n, g.x), toNumber(g.sf)) <= tol }).toEqual({ n: g.n, x: g.x, err: true });
    }
  });
  it('smirnov matches to 1e-9 relative', () => {
    for (const g of golden.smirnovSf) {
      expect({ n: g.n, x: g.x, err: relativeError(smirnovSf(g.n, g.x), toNumber(g.sf)) <= tol }).toEqual({ n: g.n, x: g.x, err: true });
    }
  });
  it('chi2.sf matches to 1e-9 relative', () => {
    for (const g of golden.chi2Sf) {
      expect({ x: g.x, dof: g.dof, ok: relativeError(chiSquareSf(g.x, g.dof), toNumber(g.sf)) <= tol }).toEqual({ x: g.x, dof: g.dof, ok: true });
    }
  });
  it('norm.cdf matches to 1e-9 relative', () => {
    for (const g of golden.normCdf) {
      expect({ x: g.x, ok: relativeError(normalCdf(g.x), toNumber(g.cdf)) <= tol }).toEqual({ x: g.x, ok: true });
    }
  });
  it('Benjamini-Hochberg adjusted p-values match scipy.stats.false_discovery_control', () => {
    for (const g of golden.benjaminiHochberg) {
      const adjusted = benjaminiHochberg(g.pValues, 0.05).adjusted;
      g.adjusted.forEach((a, i) => { expect(relativeError(adjusted[i] ?? Number.NaN, toNumber(a))).toBeLessThanOrEqual(tol); });
    }
  });
});
