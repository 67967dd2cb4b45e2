import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { fromEpochDay, toEpochDay, toIsoUtc, toUtcParts } from '../../../src/core/cron/utc-time.ts';

describe('UTC civil time without Date', () => {
  test.prop([fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 })])('agrees with Date for any time between years 1 and 9999', (ms) => {
    const d = new Date(ms);

    expect(toUtcParts(ms)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: d.getUTCDay() });
  });

  test.prop([fc.integer({ min: -1_000_000, max: 1_000_000 })])('round-trips day numbers', (epochDay) => {
    const { year, month, day } = fromEpochDay(epochDay);

    expect(toEpochDay(year, month, day)).toBe(epochDay);
  });

  it('formats an ISO-8601 UTC time to the second', () => {
    expect(toIsoUtc(Date.UTC(2028, 1, 29, 23, 59, 7, 999))).toBe('2028-02-29T23:59:07Z');
    expect(toIsoUtc(0)).toBe('1970-01-01T00:00:00Z');
  });
});
