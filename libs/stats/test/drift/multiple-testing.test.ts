import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { benjaminiHochberg, bonferroni, correctDriftResults } from '../../src/drift/multiple-testing.ts';
import { toDriftResult } from '../../src/drift/drift-result.ts';

describe('multiple-testing corrections', () => {
  it('Bonferroni multiplies by m and rejects p <= alpha/m', () => {
    const r = bonferroni([0.01, 0.02, 0.5], 0.05);
    expect(r.adjusted).toEqual([0.03, 0.06, 1]);
    expect(r.rejected).toEqual([true, false, false]);
  });

  it('Benjamini-Hochberg matches the textbook step-up example', () => {
    // statsmodels multipletests(p, 0.05, 'fdr_bh') on these p-values.
    const p = [0.01, 0.04, 0.03, 0.005, 0.2];
    const r = benjaminiHochberg(p, 0.05);
    expect(r.rejected).toEqual([true, true, true, true, false]);
    const expected = [0.025, 0.05, 0.05, 0.025, 0.2];
    r.adjusted.forEach((a, i) => { expect(a).toBeCloseTo(expected[i] ?? Number.NaN, 12); });
  });

  it.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 })])(
    'BH rejects at least what Bonferroni rejects, and adjusted p-values keep the order of p',
    (p) => {
      const bh = benjaminiHochberg(p, 0.05);
      const bf = bonferroni(p, 0.05);
      bf.rejected.forEach((r, i) => { if (r) expect(bh.rejected[i]).toBe(true); });
      const order = p.map((x, i) => [x, bh.adjusted[i] ?? 0] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < order.length; i += 1) expect(order[i]?.[1] ?? 0).toBeGreaterThanOrEqual(order[i - 1]?.[1] ?? 0);
    },
  );

  it('corrects only p-value statistics across features', () => {
    const results = {
      age: toDriftResult({ method: 'ks', score: 0.03, statistic: 0.3 }),
      income: toDriftResult({ method: 'ks', score: 0.2, statistic: 0.1 }),
      region: toDriftResult({ method: 'jensenshannon', score: 0.2 }),
    };
    const corrected = correctDriftResults(results, { correction: 'bonferroni' });
    expect(corrected['age']?.drift).toBe(false);
    expect(corrected['age']?.adjustedPValue).toBeCloseTo(0.06, 12);
    expect(corrected['region']).toEqual(results.region);
    expect(correctDriftResults(results, { correction: 'none' })['age']?.drift).toBe(true);
  });
});
