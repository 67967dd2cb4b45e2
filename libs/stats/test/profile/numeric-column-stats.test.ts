import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createHistogram, histogramCellOf } from '../../src/accumulators/histogram.ts';
import { recordNumericHistogram, startNumericHistogram } from '../../src/profile/numeric-column-stats.ts';
import type { NumericColumnStats } from '../../src/profile/numeric-column-stats.ts';
import { createQualityCounts } from '../../src/quality/quality-counts.ts';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const edgesArb = fc.oneof(
  fc.uniqueArray(finite, { minLength: 2, maxLength: 30 }),
  fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 30 }),
  fc.constant([5e-324, 1e-323]), fc.constant([-1.7e308, 1.7e308]), fc.constant([1, 1 + 2 ** -52, 2, 1e9]),
).map((xs) => [...xs].sort((a, b) => a - b));

describe('recordNumericHistogram', () => {
  it.prop([edgesArb, fc.array(fc.oneof(finite, fc.integer({ min: -60, max: 60 }), fc.constantFrom(Infinity, -Infinity, Number.NaN, -0)), { maxLength: 200 })])(
    'counts every value in the cell histogramCellOf gives',
    (edges, values) => {
      const stats: NumericColumnStats = { kind: 'numeric', quality: createQualityCounts(), min: -Infinity, max: Infinity, values: undefined, histogram: undefined, search: undefined };
      const histogram = createHistogram(edges);
      startNumericHistogram(stats, histogram);
      const extra = [...values, ...edges, ...edges.map((e) => e + Math.abs(e) * 1e-15)];
      recordNumericHistogram(stats, Float64Array.from(extra), Int32Array.from(extra, (_, i) => i), extra.length);
      const expected = new Array<number>(edges.length + 1).fill(0);
      for (const x of extra) if (Number.isFinite(x)) expected[histogramCellOf(edges, x)] = (expected[histogramCellOf(edges, x)] ?? 0) + 1;
      expect(histogram.counts).toEqual(expected);
    },
  );
});
