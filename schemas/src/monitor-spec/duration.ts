import { z } from 'zod';

// Durations in monitor specs: "500ms", "30s", "5m", "1h", "7d" or a number of milliseconds.
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds of a duration string, or undefined when it is not one. */
export function toDurationMs(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(value.trim());
  if (m === null) return undefined;
  const unit = UNITS[m[2] ?? ''];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}

/** An environment variable holding a positive duration ("30s", "7d", or digits for milliseconds), as milliseconds. */
export const durationEnv = z.string().transform((value, ctx) => {
  const ms = toDurationMs(/^\d+$/.test(value.trim()) ? Number(value) : value);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be a positive duration: milliseconds or a number with ms, s, m, h, d or w (e.g. 7d)' });
    return z.NEVER;
  }
  return ms;
});
