import { describe, expect, it } from 'vitest';
import {
  createOutcomeCounts, mergeOutcomeCounts, recordOutcome, toAccuracyCounts, toBinaryConfusion,
} from '../../src/accumulators/outcome-counts.ts';

describe('outcome counts', () => {
  it('counts labels, confusion cells and errors, and merges field by field', () => {
    const a = createOutcomeCounts();
    recordOutcome(a, { actual: 'yes', predicted: 'yes' });
    recordOutcome(a, { actual: 'no', predicted: 'yes' });
    const b = createOutcomeCounts();
    recordOutcome(b, { actual: 'no', predicted: 'no' });
    recordOutcome(b, { actual: 'yes' });
    recordOutcome(b, { error: -2 });
    recordOutcome(b, { error: Number.NaN });
    const m = mergeOutcomeCounts(a, b);
    expect(m.n).toBe(6);
    expect(m.labels).toEqual({ yes: 2, no: 2 });
    expect(m.confusion).toEqual({ 'yes|yes': 1, 'yes|no': 1, 'no|no': 1 });
    expect(m.errors).toEqual({ n: 1, sum: -2, sumSq: 4, sumAbs: 2 });
    expect(toAccuracyCounts(m)).toEqual({ correct: 2, total: 3 });
    expect(toBinaryConfusion(m, 'yes')).toEqual({ tp: 1, fp: 1, tn: 1, fn: 0 });
  });
});
