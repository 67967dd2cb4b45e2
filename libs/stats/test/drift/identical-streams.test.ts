import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { driftFromSamples } from '../../src/drift/drift-from-samples.ts';

const numericSample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 });
const categorySample = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 80 });

describe('no drift on identical streams', () => {
  it.prop([numericSample])('numeric: every statistic reports no drift', (xs) => {
    for (const method of ['psi', 'kl_div', 'jensenshannon', 'hellinger', 'wasserstein', 'ks', 'linfinity'] as const) {
      const r = driftFromSamples(xs, xs, { featureType: 'numeric', method });
      expect({ method, drift: r.drift }).toEqual({ method, drift: false });
    }
  });

  it.prop([categorySample])('categorical: every statistic reports no drift', (xs) => {
    for (const method of ['psi', 'kl_div', 'jensenshannon', 'hellinger', 'chisquare', 'linfinity'] as const) {
      const r = driftFromSamples(xs, xs, { featureType: 'categorical', method });
      expect({ method, drift: r.drift }).toEqual({ method, drift: false });
    }
  });

  it.prop([numericSample, numericSample])('KS p-values lie in [0, 1] and D in [0, 1]', (a, b) => {
    const r = driftFromSamples(a, b, { featureType: 'numeric', method: 'ks' });
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(r.statistic).toBeGreaterThanOrEqual(0);
    expect(r.statistic).toBeLessThanOrEqual(1);
  });
});

describe('missing values in raw samples', () => {
  it('drops NaN and infinities before computing, as Evidently does', () => {
    const clean = driftFromSamples([1, 2, 3, 4, 5, 6, 7], [2, 3, 4, 5, 6, 7, 8], { featureType: 'numeric', method: 'ks' });
    const dirty = driftFromSamples([1, Number.NaN, 2, 3, 4, 5, 6, 7, Infinity], [2, 3, -Infinity, 4, 5, 6, 7, 8], {
      featureType: 'numeric',
      method: 'ks',
    });
    expect(dirty).toEqual(clean);
  });
});
