import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { driftFromFeatureStats } from '../../src/drift/drift-from-stats.ts';
import { diffFeatureStats, mergeFeatureStats } from '../../src/profile/feature-stats.ts';
import type { FeatureStats, NumericFeatureStats } from '../../src/profile/feature-stats.ts';
import { categoricalStats, numericStats } from '../support/feature-stats-from-sample.ts';

const edges = [-50, -10, 0, 10, 50];
const numbers = fc.array(fc.oneof(fc.integer({ min: -80, max: 80 }), fc.double({ min: -80, max: 80, noNaN: true })), { minLength: 1, maxLength: 120 });
const words = fc.array(fc.constantFrom('a', 'b', 'c', 'x'), { minLength: 1, maxLength: 60 });
const methods = ['psi', 'kl_div', 'jensenshannon', 'hellinger', 'linfinity', 'chisquare', 'wasserstein', 'ks'] as const;

function splitAt<T>(xs: readonly T[], cut: number): [T[], T[]] {
  const k = Math.min(xs.length, Math.max(0, cut));
  return [xs.slice(0, k), xs.slice(k)];
}

describe('feature stats', () => {
  it.prop([numbers, numbers, fc.nat()])('a window merged from partitions gives the same drift as the whole window, for every statistic', (ref, cur, cut) => {
    const reference = numericStats(ref, edges);
    const [p1, p2] = splitAt(cur, cut);
    const merged = mergeFeatureStats(numericStats(p1, edges), numericStats(p2, edges));
    const whole = numericStats(cur, edges);
    for (const method of methods) {
      const a = driftFromFeatureStats(reference, merged, { method });
      const b = driftFromFeatureStats(reference, whole, { method });
      expect(Object.is(a.score, b.score) || Math.abs(a.score - b.score) <= 1e-12 * Math.max(1, Math.abs(b.score))).toBe(true);
    }
  });

  it.prop([numbers, numbers])('diff removes exactly the subtracted records (counts, histogram, sketch, domain)', (kept, erased) => {
    const asNumeric = (s: FeatureStats): NumericFeatureStats => {
      if (s.kind !== 'numeric') throw new Error('expected numeric stats');
      return s;
    };
    const erasedStats = numericStats(erased, edges);
    const all = asNumeric(mergeFeatureStats(numericStats(kept, edges), erasedStats));
    const left = asNumeric(diffFeatureStats(erasedStats, all));
    const expected = asNumeric(numericStats(kept, edges));
    expect(left.counts).toEqual(expected.counts);
    expect(left.histogram).toEqual(expected.histogram);
    expect(left.sketch.count).toBe(expected.sketch.count);
    expect(left.moments.n).toBe(expected.moments.n);
    if (!all.domain.saturated) {
      expect(new Map(left.domain.values.map((v, i) => [v, left.domain.counts[i]]))).toEqual(
        new Map(expected.domain.values.map((v, i) => [v, expected.domain.counts[i]])),
      );
    }
  });

  it.prop([words, words, words])('categorical merge is associative and diff undoes it', (a, b, c) => {
    const vocab = ['a', 'b', 'c'];
    const [sa, sb, sc] = [categoricalStats(a, vocab), categoricalStats(b, vocab), categoricalStats(c, vocab)];
    expect(mergeFeatureStats(mergeFeatureStats(sa, sb), sc)).toEqual(mergeFeatureStats(sa, mergeFeatureStats(sb, sc)));
    expect(diffFeatureStats(sa, mergeFeatureStats(sa, sb))).toEqual(sb);
  });

  it('refuses to merge different kinds', () => {
    expect(() => mergeFeatureStats(numericStats([1], edges), categoricalStats(['a'], ['a']))).toThrow(/kinds differ/);
  });
});
