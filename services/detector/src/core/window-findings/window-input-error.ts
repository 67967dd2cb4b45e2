// The error of the window-findings input parser. Its code is part of the detector's closed list
// (src/errors.ts spreads `windowInputErrorCodes`, as the joiner does with its reasons).
import { isStatsError } from '@driftline/stats';

export const windowInputErrorCodes = {
  /** A window of the aggregator's read API does not have the expected shape; the message names the JSON path. */
  DL_DETECT_INVALID_WINDOW: 'DL_DETECT_INVALID_WINDOW',
} as const;
export type WindowInputErrorCode = (typeof windowInputErrorCodes)[keyof typeof windowInputErrorCodes];

export class WindowInputError extends Error {
  readonly code: WindowInputErrorCode = windowInputErrorCodes.DL_DETECT_INVALID_WINDOW;
  readonly retriable = false as const;
  readonly context: { readonly path: string };

  constructor(options: { path: string; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WindowInputError';
    this.context = { path: options.path };
  }
}

/** Throws a {@link WindowInputError} at `path`. */
export function invalidWindow(path: string, expected: string): never {
  throw new WindowInputError({ path, message: `${path}: expected ${expected}` });
}

/** Runs a @driftline/stats parser, turning its invalid-state error into a {@link WindowInputError}. */
export function withWindowPath<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!isStatsError(error)) throw error;
    const path = error.context['path'];
    throw new WindowInputError({ path: typeof path === 'string' ? path : '', message: error.message, cause: error });
  }
}
