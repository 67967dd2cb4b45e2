import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  createHyperLogLog, mergeHyperLogLogs, recordDistinct, toDistinctEstimate, toHyperLogLogJson,
} from '../../src/accumulators/hyperloglog.ts';
import { fromBase64, toBase64 } from '../../src/codec/base64.ts';
import { parseHyperLogLog } from '../../src/codec/parse-profile.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

describe('HyperLogLog', () => {
  it.each([100, 1_000, 10_000, 200_000])('estimates %i distinct strings within 4 standard errors', (n) => {
    // Arrange
    const h = createHyperLogLog(12);
    // Act
    for (let i = 0; i < n; i += 1) recordDistinct(h, `user-${i}`);
    for (let i = 0; i < n; i += 2) recordDistinct(h, `user-${i}`);
    // Assert
    const stdErr = 1.04 / Math.sqrt(4096);
    expect(Math.abs(toDistinctEstimate(h) / n - 1)).toBeLessThanOrEqual(4 * stdErr);
  });

  it('counts numbers and their string forms as different values', () => {
    const h = createHyperLogLog(10);
    recordDistinct(h, 1);
    recordDistinct(h, '1');
    expect(Math.round(toDistinctEstimate(h))).toBe(2);
  });

  it.prop([fc.array(fc.string(), { maxLength: 50 }), fc.array(fc.string(), { maxLength: 50 }), fc.array(fc.double(), { maxLength: 50 })])(
    'merge is associative, commutative and idempotent',
    (a, b, c) => {
      const fold = (xs: readonly (string | number)[]) => {
        const h = createHyperLogLog(6);
        for (const x of xs) recordDistinct(h, x);
        return h;
      };
      const [ha, hb, hc] = [fold(a), fold(b), fold(c)];
      expect(mergeHyperLogLogs(mergeHyperLogLogs(ha, hb), hc)).toEqual(mergeHyperLogLogs(ha, mergeHyperLogLogs(hb, hc)));
      expect(mergeHyperLogLogs(ha, hb)).toEqual(mergeHyperLogLogs(hb, ha));
      expect(mergeHyperLogLogs(ha, ha)).toEqual(ha);
      expect(mergeHyperLogLogs(ha, hb)).toEqual(fold([...a, ...b]));
    },
  );

  it.prop([fc.uint8Array({ maxLength: 40 })])('base64 round-trips', (bytes) => {
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it('round-trips through its JSON form and rejects a bad one', () => {
    const h = createHyperLogLog(8);
    recordDistinct(h, 'a');
    expect(parseHyperLogLog(JSON.parse(JSON.stringify(toHyperLogLogJson(h))))).toEqual(h);
    expectStatsError(() => parseHyperLogLog({ p: 8, registers: 'AAAA' }), 'DL_STATS_INVALID_STATE');
  });
});
