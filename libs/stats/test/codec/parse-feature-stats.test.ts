import { describe, expect, it } from 'vitest';
import { parseFeatureStats, parseWindowStats } from '../../src/codec/parse-feature-stats.ts';
import { parseReferenceProfile } from '../../src/codec/parse-profile.ts';
import { isStatsError } from '../../src/errors.ts';
import { categoricalStats, numericStats } from '../support/feature-stats-from-sample.ts';

describe('feature stats codec', () => {
  it('round-trips numeric and categorical statistics through JSON', () => {
    const n = numericStats([1, 2.5, -3, 0, 1e6], [-1, 0, 1, 2]);
    const c = categoricalStats(['a', 'b', 'z'], ['a', 'b']);
    expect(parseFeatureStats(JSON.parse(JSON.stringify(n)))).toEqual(n);
    expect(parseFeatureStats(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('round-trips a whole window', () => {
    const window = { age: numericStats([30, 40], [0, 50, 100]), region: categoricalStats(['eu'], ['eu', 'us']) };
    expect(parseWindowStats(JSON.parse(JSON.stringify(window)))).toEqual(window);
  });

  it('names the path of the first problem', () => {
    const n = JSON.parse(JSON.stringify(numericStats([1], [0, 2]))) as { histogram: { counts: unknown[] } };
    n.histogram.counts[1] = -1;
    try {
      parseFeatureStats(n);
      expect.unreachable();
    } catch (error) {
      expect(isStatsError(error) && error.code).toBe('DL_STATS_INVALID_STATE');
      expect((error as Error).message).toContain('stats.histogram.counts[1]');
    }
  });

  it.each([
    [{ kind: 'other' }, 'kind'],
    [{ version: 2 }, 'version'],
  ])('rejects %j', (value, word) => {
    expect(() => (word === 'version' ? parseReferenceProfile(value) : parseFeatureStats(value))).toThrow(word);
  });
});
