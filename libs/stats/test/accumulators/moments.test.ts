import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createMoments, diffMoments, mergeMoments, recordMoments, toMomentsSummary } from '../../src/accumulators/moments.ts';
import type { MomentsState } from '../../src/accumulators/moments.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 60 });

function fold(xs: readonly number[]): MomentsState {
  const s = createMoments();
  for (const x of xs) recordMoments(s, x);
  return s;
}

function close(a: MomentsState, b: MomentsState): void {
  expect(a.n).toBe(b.n);
  expect(a.mean).toBeCloseTo(b.mean, 6);
  expect(Math.abs(a.m2 - b.m2)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a.m2), Math.abs(b.m2)));
}

describe('moments', () => {
  it('computes the two-pass mean and population variance', () => {
    // Arrange
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    // Act
    const summary = toMomentsSummary(fold(xs));
    // Assert
    expect(summary.mean).toBe(5);
    expect(summary.variance).toBe(4);
    expect(summary.sampleVariance).toBeCloseTo(32 / 7, 12);
  });

  it('stays accurate where the naive sum of squares cancels', () => {
    const xs = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    const merged = mergeMoments(fold(xs.slice(0, 2)), fold(xs.slice(2)));
    expect(toMomentsSummary(merged).sampleVariance).toBeCloseTo(30, 9);
  });

  it.prop([values, values, values])('merge is associative and commutative', (a, b, c) => {
    const [sa, sb, sc] = [fold(a), fold(b), fold(c)];
    close(mergeMoments(mergeMoments(sa, sb), sc), mergeMoments(sa, mergeMoments(sb, sc)));
    close(mergeMoments(sa, sb), mergeMoments(sb, sa));
  });

  it.prop([values, values])('merge equals folding the concatenation', (a, b) => {
    close(mergeMoments(fold(a), fold(b)), fold([...a, ...b]));
  });

  it.prop([values, values])('diff undoes merge', (a, b) => {
    const prev = fold(a);
    const x = fold(b);
    const d = diffMoments(prev, mergeMoments(prev, x));
    expect(d.n).toBe(x.n);
    if (x.n > 0) expect(Math.abs(d.mean - x.mean)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(x.mean)));
  });

  it('rejects a diff whose prev is larger than cur', () => {
    expectStatsError(() => diffMoments(fold([1, 2, 3]), fold([1])), 'DL_STATS_NEGATIVE_COUNT');
  });
});
