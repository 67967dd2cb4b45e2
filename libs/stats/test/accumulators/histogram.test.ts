import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createHistogram, diffHistograms, histogramTotal, mergeHistograms, recordHistogram } from '../../src/accumulators/histogram.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

const edges = [0, 1, 2, 5];
const nums = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { maxLength: 80 });

function fold(xs: readonly number[]) {
  const h = createHistogram(edges);
  for (const x of xs) recordHistogram(h, x);
  return h;
}

describe('histogram', () => {
  it('uses half-open bins, a closed last bin and overflow cells', () => {
    // Arrange / Act
    const h = fold([-0.1, 0, 0.99, 1, 4.9, 5, 5.01]);
    // Assert: [under, [0,1), [1,2), [2,5], over]
    expect(h.counts).toEqual([1, 2, 1, 2, 1]);
  });

  it.prop([nums, nums, nums])('merge is associative, commutative, and equals folding everything', (a, b, c) => {
    const [ha, hb, hc] = [fold(a), fold(b), fold(c)];
    expect(mergeHistograms(mergeHistograms(ha, hb), hc)).toEqual(mergeHistograms(ha, mergeHistograms(hb, hc)));
    expect(mergeHistograms(ha, hb)).toEqual(mergeHistograms(hb, ha));
    expect(mergeHistograms(ha, hb)).toEqual(fold([...a, ...b]));
    expect(histogramTotal(mergeHistograms(ha, hb))).toBe(a.length + b.length);
  });

  it.prop([nums, nums])('diff undoes merge', (a, b) => {
    const ha = fold(a);
    expect(diffHistograms(ha, mergeHistograms(ha, fold(b)))).toEqual(fold(b));
  });

  it('rejects bad edges and different edges', () => {
    expectStatsError(() => createHistogram([1, 1]), 'DL_STATS_INVALID_ARGUMENT');
    expectStatsError(() => createHistogram([0]), 'DL_STATS_INVALID_ARGUMENT');
    expectStatsError(() => mergeHistograms(createHistogram([0, 1]), createHistogram([0, 2])), 'DL_STATS_INCOMPATIBLE_STATE');
  });

  it('rejects a diff that would go negative', () => {
    expectStatsError(() => diffHistograms(fold([0.5, 0.5]), fold([0.5])), 'DL_STATS_NEGATIVE_COUNT');
  });
});
