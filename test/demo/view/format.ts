// Small text helpers of the live view and the summary (pure).

/** Wall-clock offset as m:ss. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60))}:${String(s % 60).padStart(2, '0')}`;
}

/** Simulated offset as +XhYYm. */
export function formatSimOffset(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  return `+${String(Math.floor(m / 60))}h${String(m % 60).padStart(2, '0')}m`;
}

/** A detection delay in wall seconds, with what it was in simulated time. */
export function formatDelay(ms: number, simMs: number): string {
  const sim = simMs >= 60_000 ? `${(simMs / 60_000).toFixed(0)} sim-min` : `${(simMs / 1000).toFixed(0)} sim-s`;
  return `${(ms / 1000).toFixed(1)} s (${sim})`;
}

export function formatRate(perSecond: number): string {
  return perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', blue: '\x1b[34m', magenta: '\x1b[35m', cyan: '\x1b[36m' } as const;
export type Style = Exclude<keyof typeof ANSI, 'reset'>;

/** `text` in an ANSI style when `color` is on. */
export function paint(text: string, style: Style, color: boolean): string {
  return color ? `${ANSI[style]}${text}${ANSI.reset}` : text;
}

/** Cuts `text` to `width` visible characters (ANSI sequences do not count). */
export function fit(text: string, width: number): string {
  let visible = 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\x1b') {
      const end = text.indexOf('m', i);
      out += text.slice(i, end + 1);
      i = end;
      continue;
    }
    if (visible >= width) continue;
    out += text[i] ?? '';
    visible++;
  }
  return out;
}

/** Left-aligned table columns from rows of cells (plain text). */
export function toColumns(rows: readonly (readonly string[])[], gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + gap))).join('').trimEnd());
}
