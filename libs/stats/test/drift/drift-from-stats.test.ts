import { describe, expect, it } from 'vitest';
import { driftFromFeatureStats } from '../../src/drift/drift-from-stats.ts';
import { driftFromSamples } from '../../src/drift/drift-from-samples.ts';
import type { DriftMethod } from '../../src/drift/methods.ts';
import { mergeFeatureStats } from '../../src/profile/feature-stats.ts';
import { categoricalStats, decileEdges, numericStats } from '../support/feature-stats-from-sample.ts';
import { loadGolden, relativeError, toNumber } from '../support/golden.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

const golden = loadGolden();

describe('drift from accumulators', () => {
  for (const c of golden.cases) {
    const numeric = c.featureType === 'numeric';
    const unionSize = new Set([...c.reference, ...c.current]).size;
    const exact = !numeric || unionSize <= 21;
    const build = () => {
      if (!numeric) {
        const vocab = [...new Set(c.reference as string[])];
        return [categoricalStats(c.reference as string[], vocab), categoricalStats(c.current as string[], vocab)] as const;
      }
      const edges = decileEdges(c.reference as number[]);
      return [numericStats(c.reference as number[], edges), numericStats(c.current as number[], edges)] as const;
    };
    const [ref, cur] = build();
    const approximate = !exact || (!numeric && (c.current as string[]).some((v) => !(c.reference as string[]).includes(v)));

    it(`${c.name}: chooses Evidently's default statistic`, () => {
      expect(driftFromFeatureStats(ref, cur).method).toBe(c.evidently.default);
    });

    if (!approximate) {
      for (const [method, expected] of Object.entries(c.evidently.results)) {
        it(`${c.name}: ${method} from accumulators equals Evidently on the raw samples`, () => {
          const r = driftFromFeatureStats(ref, cur, { method: method as DriftMethod });
          expect(r.approximate).toBe(false);
          expect(relativeError(r.score, toNumber(expected.score))).toBeLessThanOrEqual(1e-9);
        });
      }
    } else {
      it(`${c.name}: flags results as approximate`, () => {
        expect(driftFromFeatureStats(ref, cur, { method: 'jensenshannon' }).approximate).toBe(true);
      });
    }

    if (numeric && !exact) {
      it(`${c.name}: sketch-based Wasserstein is within alpha of the exact value`, () => {
        const approx = driftFromFeatureStats(ref, cur, { method: 'wasserstein' }).score;
        const exactValue = driftFromSamples(c.reference, c.current, { featureType: 'numeric', method: 'wasserstein' }).score;
        const meanAbs = (xs: number[]) => xs.reduce((s, x) => s + Math.abs(x), 0) / xs.length;
        const std = toNumber(c.scipy?.refStd ?? 1);
        const bound = (0.01 * (meanAbs(c.reference as number[]) + meanAbs(c.current as number[]))) / Math.max(std, 0.001);
        expect(Math.abs(approx - exactValue)).toBeLessThanOrEqual(bound);
      });
      it(`${c.name}: sketch-based KS statistic is close to the exact D`, () => {
        const approx = driftFromFeatureStats(ref, cur, { method: 'ks' }).statistic;
        const exactD = driftFromSamples(c.reference, c.current, { featureType: 'numeric', method: 'ks' }).statistic;
        expect(Math.abs(approx - exactD)).toBeLessThanOrEqual(0.02);
      });
    }
  }

  it('reports no drift for identical windows, by every statistic', () => {
    const c = golden.cases.find((x) => x.name === 'income-lognormal');
    if (c === undefined) throw new Error('fixture case missing');
    const edges = decileEdges(c.reference as number[]);
    const a = numericStats(c.reference as number[], edges);
    for (const method of ['psi', 'kl_div', 'jensenshannon', 'hellinger', 'wasserstein', 'ks', 'linfinity', 'chisquare'] as const) {
      expect(driftFromFeatureStats(a, a, { method }).drift).toBe(false);
    }
  });

  it('gives the same result for a window merged from partitions', () => {
    const c = golden.cases.find((x) => x.name === 'normal-shift-unequal');
    if (c === undefined) throw new Error('fixture case missing');
    const edges = decileEdges(c.reference as number[]);
    const cur = c.current as number[];
    const whole = numericStats(cur, edges);
    const merged = mergeFeatureStats(numericStats(cur.slice(0, 100), edges), numericStats(cur.slice(100), edges));
    const ref = numericStats(c.reference as number[], edges);
    expect(driftFromFeatureStats(ref, merged, { method: 'ks' })).toEqual(driftFromFeatureStats(ref, whole, { method: 'ks' }));
  });

  it('rejects an empty side and mixed kinds', () => {
    const empty = numericStats([], [0, 1]);
    const some = numericStats([0.5], [0, 1]);
    expectStatsError(() => driftFromFeatureStats(empty, some), 'DL_STATS_EMPTY_SAMPLE');
    expectStatsError(() => driftFromFeatureStats(some, categoricalStats(['a'], ['a'])), 'DL_STATS_INCOMPATIBLE_STATE');
  });
});
