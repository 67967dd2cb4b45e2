// Civil UTC time from epoch milliseconds and back, without Date (pure code: rule 27). Howard
// Hinnant's days-from-civil algorithms, exact for the whole proleptic Gregorian calendar.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export interface UtcParts {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
}

/** Days since 1970-01-01 of a civil date (month 1–12). */
export function toEpochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of a day number (days since 1970-01-01). */
export function fromEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

export function toUtcParts(ms: number): UtcParts {
  const epochDay = Math.floor(ms / DAY_MS);
  const inDay = ms - epochDay * DAY_MS;
  return { ...fromEpochDay(epochDay), hour: Math.floor(inDay / 3_600_000), minute: Math.floor((inDay % 3_600_000) / MINUTE_MS), weekday: toWeekday(epochDay) };
}

/** 0 = Sunday; 1970-01-01 was a Thursday. */
export function toWeekday(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** `2026-11-27T09:05:07Z` (milliseconds dropped). */
export function toIsoUtc(ms: number): string {
  const p = toUtcParts(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  const seconds = Math.floor((((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS) / 1000);
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(seconds)}Z`;
}
