// Property-style: windows drawn from the reference distribution stay quiet at the spec's alpha for
// most seeds, and the multiple-testing correction is what keeps p-value statistics quiet.
import { describe, expect, it } from 'vitest';
import { DriftKind } from '@driftline/schemas';
import { toWindowFindings } from '../../../src/core/window-findings/index.ts';
import { toSyntheticRows } from './support/synthetic-rows.ts';
import { toBaseline, toSpec, toWindows } from './support/window-fixtures.ts';

const seeds = Array.from({ length: 20 }, (_, i) => 100 + i);
// Forty windows of 1,500 rows each: more than the default 5 s on a busy machine.
const slow = { timeout: 60_000 };

describe('stable windows', () => {
  it('produce no finding of any kind for most seeds (default Benjamini-Hochberg at alpha 0.05)', slow, () => {
    const spec = toSpec();
    const baseline = toBaseline(spec, toSyntheticRows({ n: 6000, seed: 1 }));
    const noisy = seeds.filter((seed) => toWindowFindings({ spec, baseline, windows: toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed })) }).length > 0);
    expect(noisy.length).toBeLessThanOrEqual(2);
  });

  it('stay quiet with p-value statistics (reference ≤ 1000 rows) thanks to the correction', slow, () => {
    // Arrange: a small reference makes `auto` choose KS, chi-square and Z, whose p-values the
    // correction adjusts. Each trial draws its own reference, so trials are independent (one fixed
    // reference would make its own sampling noise look like drift in every window).
    const windowsWith = (correction: 'none' | 'bonferroni'): number => {
      // No slices: one family of six features per window, so the count measures the correction alone
      const spec = toSpec({ drift: { correction, alpha: 0.05, minSamples: 100 }, slices: { keys: [] } });
      return seeds.filter((seed) => {
        const baseline = toBaseline(spec, toSyntheticRows({ n: 900, seed: seed + 1000 }));
        return toWindowFindings({ spec, baseline, windows: toWindows(spec, baseline, toSyntheticRows({ n: 1500, seed })), pass: 'inputs' })
          .some((f) => f.kind === DriftKind.DATA_DRIFT);
      }).length;
    };
    // Act
    const uncorrected = windowsWith('none');
    const corrected = windowsWith('bonferroni');
    // Assert: six tests at 5 % fire somewhere in about a quarter of the windows; Bonferroni in about 5 %
    expect(uncorrected).toBeGreaterThan(corrected);
    expect(corrected).toBeLessThanOrEqual(3);
  });
});
