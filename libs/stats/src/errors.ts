/**
 * The one error type of `@driftline/stats` (style rule 18). Every failure is a programming or
 * input error, so none is retriable.
 */

/** Closed list of error codes raised by this package. */
export const statsErrorCodes = {
  /** An argument is outside its domain (negative count, bad alpha, unsorted edges, …). */
  invalidArgument: 'DL_STATS_INVALID_ARGUMENT',
  /** Two accumulators with different shapes (edges, precision, categories) were merged or diffed. */
  incompatibleState: 'DL_STATS_INCOMPATIBLE_STATE',
  /** A serialised state does not have the expected shape or version. */
  invalidState: 'DL_STATS_INVALID_STATE',
  /** A statistic was asked for with no data on one side (all values missing). */
  emptySample: 'DL_STATS_EMPTY_SAMPLE',
  /** `diff(prev, cur)` found `prev` is not contained in `cur` (a count would become negative). */
  negativeCount: 'DL_STATS_NEGATIVE_COUNT',
  /** The statistic cannot be computed from the given summary (e.g. KS from a histogram). */
  unsupportedInput: 'DL_STATS_UNSUPPORTED_INPUT',
} as const;

/** Union of the codes in {@link statsErrorCodes}. */
export type StatsErrorCode = (typeof statsErrorCodes)[keyof typeof statsErrorCodes];

const codeSet: ReadonlySet<string> = new Set(Object.values(statsErrorCodes));

/** Options of {@link StatsError}. */
export interface StatsErrorOptions {
  /** Structured, non-personal context (sizes, names of arguments). */
  readonly context?: Readonly<Record<string, string | number | boolean>>;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/** Base error of the package: carries a stable `code` and is never retriable. */
export class StatsError extends Error {
  readonly code: StatsErrorCode;
  readonly retriable = false as const;
  readonly context: Readonly<Record<string, string | number | boolean>>;

  constructor(code: StatsErrorCode, message: string, options: StatsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StatsError';
    this.code = code;
    this.context = options.context ?? {};
  }
}

/** Guard on the `code` (not `instanceof`, which breaks across package copies). */
export function isStatsError(error: unknown): error is StatsError {
  if (typeof error !== 'object' || error === null) return false;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' && codeSet.has(code);
}

/** Throws `DL_STATS_INVALID_ARGUMENT` unless `condition` holds. */
export function assertArgument(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StatsError(statsErrorCodes.invalidArgument, message);
}
