import { StatsError, statsErrorCodes } from '../errors.ts';

/** Throws `DL_STATS_INVALID_STATE` naming the JSON path. */
export function invalid(path: string, what: string): never {
  throw new StatsError(statsErrorCodes.invalidState, `${path}: expected ${what}`, { context: { path } });
}

/** A plain object (not null, not an array). */
export function toRecord(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(path, 'an object');
  return value as Record<string, unknown>;
}

/** A finite number (optionally a non-negative integer). */
export function toFinite(value: unknown, path: string, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(path, 'a finite number');
  if (integer && (!Number.isInteger(value) || value < 0)) invalid(path, 'a non-negative integer');
  return value;
}

/** An array of finite numbers (optionally non-negative integers). */
export function toFiniteArray(value: unknown, path: string, integer = false): number[] {
  if (!Array.isArray(value)) invalid(path, 'an array');
  return value.map((v: unknown, i) => toFinite(v, `${path}[${i}]`, integer));
}

/** An array of strings. */
export function toStringArray(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) invalid(path, 'an array');
  return value.map((v: unknown, i) => (typeof v === 'string' ? v : invalid(`${path}[${i}]`, 'a string')));
}
