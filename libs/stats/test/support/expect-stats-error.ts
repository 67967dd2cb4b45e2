import { expect } from 'vitest';
import { isStatsError } from '../../src/errors.ts';
import type { StatsErrorCode } from '../../src/errors.ts';

/** Asserts that `fn` throws a stats error with `code`. */
export function expectStatsError(fn: () => unknown, code: StatsErrorCode): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(isStatsError(thrown) ? thrown.code : thrown).toBe(code);
}
