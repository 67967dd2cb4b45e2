// A 5-field cron matcher, UTC: minute hour day-of-month month day-of-week. Each field is a list of
// `*`, `n`, `a-b`, with an optional `/step` (`*/15`, `1-30/2`, `5/10` = 5 to the maximum by 10).
// Months and weekdays also take names (JAN–DEC, SUN–SAT); weekday 7 is Sunday. Day-of-month and
// day-of-week follow the standard (Vixie) rule: when both fields are restricted (neither starts
// with `*`) a day matches if either matches; otherwise both must.
import { DAY_MS, MINUTE_MS, fromEpochDay, toWeekday } from './utc-time.ts';

export interface CronExpression {
  readonly source: string;
  readonly minutes: readonly boolean[];
  readonly hours: readonly boolean[];
  /** Indexed 1–31. */
  readonly daysOfMonth: readonly boolean[];
  /** Indexed 1–12. */
  readonly months: readonly boolean[];
  /** Indexed 0–6, Sunday = 0. */
  readonly daysOfWeek: readonly boolean[];
  readonly dayOfMonthStar: boolean;
  readonly dayOfWeekStar: boolean;
}

export type CronParse = { readonly ok: true; readonly cron: CronExpression } | { readonly ok: false; readonly problem: string };

interface FieldSpec { readonly name: string; readonly min: number; readonly max: number; readonly names?: readonly string[]; readonly namesFrom?: number }

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], namesFrom: 1 },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], namesFrom: 0 },
];

/** Searches never look further than this many days (a 29 February on a given weekday recurs within 28 years). */
const HORIZON_DAYS = 28 * 366;

export function parseCron(source: string): CronParse {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5) return { ok: false, problem: `"${source}" has ${parts.length} fields; a cron expression has 5 (minute hour day-of-month month day-of-week)` };
  const sets: boolean[][] = [];
  for (const [i, spec] of FIELDS.entries()) {
    const field = parseField(parts[i] ?? '', spec);
    if (typeof field === 'string') return { ok: false, problem: `"${source}": ${spec.name} ${field}` };
    sets.push(field);
  }
  const [minutes = [], hours = [], daysOfMonth = [], months = [], weekdays = []] = sets;
  const daysOfWeek = weekdays.slice(0, 7);
  if (weekdays[7] === true) daysOfWeek[0] = true;
  return {
    ok: true,
    cron: { source, minutes, hours, daysOfMonth, months, daysOfWeek, dayOfMonthStar: (parts[2] ?? '').startsWith('*'), dayOfWeekStar: (parts[4] ?? '').startsWith('*') },
  };
}

function parseField(text: string, spec: FieldSpec): boolean[] | string {
  const values = new Array<boolean>(spec.max + 1).fill(false);
  for (const item of text.split(',')) {
    const [range = '', stepText, extra] = item.split('/');
    if (extra !== undefined) return `"${item}" has more than one /`;
    const step = stepText === undefined ? 1 : toNumber(stepText);
    if (step === undefined || step < 1) return `"${item}" needs a positive whole step`;
    let lo: number | undefined;
    let hi: number | undefined;
    if (range === '*') {
      [lo, hi] = [spec.min, spec.max];
    } else if (range.includes('-')) {
      const ends = range.split('-');
      [lo, hi] = ends.length === 2 ? [toValue(ends[0] ?? '', spec), toValue(ends[1] ?? '', spec)] : [undefined, undefined];
    } else {
      lo = toValue(range, spec);
      hi = stepText === undefined ? lo : spec.max;
    }
    if (lo === undefined || hi === undefined) return `"${item}" is not a value, range or step of ${spec.min}–${spec.max}`;
    if (lo < spec.min || hi > spec.max || lo > hi) return `"${item}" is outside ${spec.min}–${spec.max} or a reversed range`;
    for (let v = lo; v <= hi; v += step) values[v] = true;
  }
  return values;
}

function toNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function toValue(text: string, spec: FieldSpec): number | undefined {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  return named >= 0 ? named + (spec.namesFrom ?? 0) : toNumber(text);
}

/** Whether the cron fires on some minute of the UTC day `epochDay` (days since 1970-01-01). */
function matchesDay(cron: CronExpression, epochDay: number): boolean {
  const { month, day } = fromEpochDay(epochDay);
  if (cron.months[month] !== true) return false;
  const dom = cron.daysOfMonth[day] === true;
  const dow = cron.daysOfWeek[toWeekday(epochDay)] === true;
  return cron.dayOfMonthStar || cron.dayOfWeekStar ? dom && dow : dom || dow;
}

/** Whether the cron fires in the UTC minute that holds `ms`. */
export function cronMatches(cron: CronExpression, ms: number): boolean {
  const epochDay = Math.floor(ms / DAY_MS);
  const inDay = ms - epochDay * DAY_MS;
  return matchesDay(cron, epochDay) && cron.hours[Math.floor(inDay / 3_600_000)] === true && cron.minutes[Math.floor((inDay % 3_600_000) / MINUTE_MS)] === true;
}

/** The start (epoch ms) of the latest minute the cron fires in with after < start ≤ atOrBefore; undefined when none. */
export function latestCronMatch(cron: CronExpression, range: { readonly after: number; readonly atOrBefore: number }): number | undefined {
  const last = Math.floor(range.atOrBefore / DAY_MS);
  const first = Math.max(Math.floor(range.after / DAY_MS), last - HORIZON_DAYS);
  for (let day = last; day >= first; day--) {
    if (!matchesDay(cron, day)) continue;
    for (let hour = 23; hour >= 0; hour--) {
      if (cron.hours[hour] !== true) continue;
      for (let minute = 59; minute >= 0; minute--) {
        const start = day * DAY_MS + hour * 3_600_000 + minute * MINUTE_MS;
        if (start <= range.after) return undefined;
        if (start <= range.atOrBefore && cron.minutes[minute] === true) return start;
      }
    }
  }
  return undefined;
}

/** The start (epoch ms) of the first minute after `after` the cron fires in; undefined when none within 28 years. */
export function nextCronMatch(cron: CronExpression, after: number): number | undefined {
  const first = Math.floor(after / DAY_MS);
  for (let day = first; day <= first + HORIZON_DAYS; day++) {
    if (!matchesDay(cron, day)) continue;
    for (let hour = 0; hour < 24; hour++) {
      if (cron.hours[hour] !== true) continue;
      for (let minute = 0; minute < 60; minute++) {
        const start = day * DAY_MS + hour * 3_600_000 + minute * MINUTE_MS;
        if (start > after && cron.minutes[minute] === true) return start;
      }
    }
  }
  return undefined;
}
