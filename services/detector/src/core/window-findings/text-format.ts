// Numbers and times as the explanations write them. Pure (no Date, no locale).

/** 1,234,567 / 12.35 / 0.0123: grouped integers from 1000 up, 2 decimals from 1, else 3 significant digits. */
export function toNumberText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (abs >= 1 || x === 0) return String(Number(x.toFixed(2)));
  return String(Number(x.toPrecision(3)));
}

/** A share as a percentage with one decimal (0.1234 → "12.3%"). */
export function toPercentText(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

/** A count with grouping ("12,000"). */
export function toCountText(n: number): string {
  return toNumberText(Math.round(n));
}

/** Epoch milliseconds as UTC ISO-8601 to the minute (2026-11-27T10:05Z), without Date. */
export function toTimeText(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const minutes = Math.floor((ms - days * 86_400_000) / 60_000);
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${year}-${two(month)}-${two(day)}T${two(Math.floor(minutes / 60))}:${two(minutes % 60)}Z`;
}
