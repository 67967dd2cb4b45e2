// Numbers and durations in the words of reasons and advice.

/** Three significant digits: 0.412, 1.2e-7, 52300. */
export function toNumberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}

/** `1h30m`, `45m`, `20s`, `0s` (whole seconds). */
export function toDurationText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const parts: string[] = [];
  const units: readonly [number, string][] = [[86_400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
  let rest = total;
  for (const [size, unit] of units) {
    if (rest >= size) { parts.push(`${Math.floor(rest / size)}${unit}`); rest %= size; }
  }
  return parts.length === 0 ? '0s' : parts.join('');
}
