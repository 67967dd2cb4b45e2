import { describe, expect, it } from 'vitest';
import { cronMatches, latestCronMatch, nextCronMatch, parseCron } from '../../../src/core/cron/cron-expression.ts';
import type { CronExpression } from '../../../src/core/cron/cron-expression.ts';

const cron = (text: string): CronExpression => {
  const parsed = parseCron(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.cron;
};
const at = (iso: string): number => Date.parse(iso);
/** Every matching minute in [from, to), as ISO strings. */
const matches = (text: string, from: string, to: string): string[] => {
  const c = cron(text);
  const out: string[] = [];
  for (let t = at(from); t < at(to); t += 60_000) if (cronMatches(c, t)) out.push(new Date(t).toISOString().slice(0, 16));
  return out;
};

describe('parseCron', () => {
  it.each([
    ['* * * *', 'has 4 fields'],
    ['60 * * * *', 'minute "60" is outside 0–59'],
    ['* 24 * * *', 'hour "24"'],
    ['* * 0 * *', 'day of month "0"'],
    ['* * * 13 *', 'month "13"'],
    ['* * * * 8', 'day of week "8"'],
    ['*/0 * * * *', 'needs a positive whole step'],
    ['5-1 * * * *', 'reversed range'],
    ['1-2-3 * * * *', 'is not a value'],
    ['1,,2 * * * *', 'is not a value'],
    ['*/2/3 * * * *', 'more than one /'],
    ['* * * FOO *', 'is not a value'],
    ['-1 * * * *', 'is not a value'],
  ])('refuses %s', (text, problem) => {
    const parsed = parseCron(text);

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problem).toContain(problem);
  });

  it('accepts names, lists, ranges and steps, and folds weekday 7 into Sunday', () => {
    const c = cron('0,30 */6 1-10/3 jan-MAR,dec 7');

    expect(c.minutes.flatMap((v, i) => (v ? [i] : []))).toEqual([0, 30]);
    expect(c.hours.flatMap((v, i) => (v ? [i] : []))).toEqual([0, 6, 12, 18]);
    expect(c.daysOfMonth.flatMap((v, i) => (v ? [i] : []))).toEqual([1, 4, 7, 10]);
    expect(c.months.flatMap((v, i) => (v ? [i] : []))).toEqual([1, 2, 3, 12]);
    expect(c.daysOfWeek.flatMap((v, i) => (v ? [i] : []))).toEqual([0]);
  });

  it('reads a single value with a step as "from there to the maximum"', () => {
    expect(cron('50/4 * * * *').minutes.flatMap((v, i) => (v ? [i] : []))).toEqual([50, 54, 58]);
  });
});

describe('cronMatches', () => {
  it('fires every 20 minutes of a range of hours', () => {
    expect(matches('*/20 9-10 * * *', '2026-11-27T08:00Z', '2026-11-27T12:00Z')).toEqual(['2026-11-27T09:00', '2026-11-27T09:20', '2026-11-27T09:40', '2026-11-27T10:00', '2026-11-27T10:20', '2026-11-27T10:40']);
  });

  it('ORs day of month and day of week when both are restricted', () => {
    // 2026-12: the 1st is a Tuesday; Fridays are 4, 11, 18, 25
    const days = matches('0 0 1,15 * FRI', '2026-12-01T00:00Z', '2027-01-01T00:00Z').map((s) => s.slice(8, 10));

    expect(days).toEqual(['01', '04', '11', '15', '18', '25']);
  });

  it('ANDs them when either starts with *', () => {
    expect(matches('0 0 * * MON-FRI', '2026-12-05T00:00Z', '2026-12-08T00:00Z')).toEqual(['2026-12-07T00:00']); // Sat, Sun, Mon
    expect(matches('0 0 */10 * 5', '2026-12-01T00:00Z', '2027-01-01T00:00Z')).toEqual(['2026-12-11T00:00']); // days 1, 11, 21, 31 that are Fridays
  });

  it('fires on 29 February only in leap years', () => {
    expect(matches('0 12 29 2 *', '2027-02-27T00:00Z', '2027-03-02T00:00Z')).toEqual([]);
    expect(matches('0 12 29 2 *', '2028-02-27T00:00Z', '2028-03-02T00:00Z')).toEqual(['2028-02-29T12:00']);
  });
});

describe('latestCronMatch and nextCronMatch', () => {
  it('finds the latest slot in (after, atOrBefore]', () => {
    const nightly = cron('0 3 * * *');

    expect(latestCronMatch(nightly, { after: at('2026-11-27T02:59Z'), atOrBefore: at('2026-11-27T03:00Z') })).toBe(at('2026-11-27T03:00Z'));
    expect(latestCronMatch(nightly, { after: at('2026-11-27T03:00Z'), atOrBefore: at('2026-11-28T02:59Z') })).toBeUndefined();
    expect(latestCronMatch(nightly, { after: at('2026-11-20T00:00Z'), atOrBefore: at('2026-11-27T12:00Z') })).toBe(at('2026-11-27T03:00Z'));
  });

  it('agrees with a minute-by-minute scan', () => {
    const c = cron('7,37 */5 1-12 * MON');
    const after = at('2026-01-01T00:00Z');
    const before = at('2026-03-01T00:00Z');
    let latest: number | undefined;
    let first: number | undefined;
    for (let t = after + 60_000; t <= before; t += 60_000) if (cronMatches(c, t)) { latest = t; first ??= t; }

    expect(latestCronMatch(c, { after, atOrBefore: before })).toBe(latest);
    expect(nextCronMatch(c, after)).toBe(first);
  });

  it('finds a slot years ahead and none for a date that never comes', () => {
    expect(nextCronMatch(cron('0 0 29 2 1'), at('2026-11-27T00:00Z'))).toBe(at('2027-02-01T00:00Z')); // OR rule: the first Monday of a February
    expect(nextCronMatch(cron('0 0 30 2 *'), at('2026-11-27T00:00Z'))).toBeUndefined();
  });
});
