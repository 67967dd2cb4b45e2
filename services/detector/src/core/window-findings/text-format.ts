// Numbers as the explanations write them (times: ../iso-time.ts). Pure (no locale).

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
