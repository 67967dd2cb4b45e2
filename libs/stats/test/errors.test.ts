import { describe, expect, it } from 'vitest';
import { StatsError, isStatsError, statsErrorCodes } from '../src/errors.ts';

describe('StatsError', () => {
  it('carries a code from the closed list and is never retriable', () => {
    const e = new StatsError(statsErrorCodes.emptySample, 'no data', { context: { n: 0 } });
    expect(e.code).toBe('DL_STATS_EMPTY_SAMPLE');
    expect(e.retriable).toBe(false);
    expect(e.context).toEqual({ n: 0 });
  });

  it('is recognised by its code, not by instanceof', () => {
    expect(isStatsError({ code: 'DL_STATS_INVALID_STATE' })).toBe(true);
    expect(isStatsError({ code: 'DL_KAFKA_X' })).toBe(false);
    expect(isStatsError(new Error('x'))).toBe(false);
    expect(isStatsError(null)).toBe(false);
  });
});
