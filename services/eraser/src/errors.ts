// Errors and reason codes of the eraser (style rule 18). Every code is documented in docs/errors.md.
import { requestProblems } from './core/request-problems.ts';

export const eraserErrorCodes = {
  ...requestProblems,
  /** The aggregator refused or failed a retraction (HTTP status in the message); the request is retried. */
  DL_ERASER_AGGREGATOR_FAILED: 'DL_ERASER_AGGREGATOR_FAILED',
} as const;
export type EraserErrorCode = (typeof eraserErrorCodes)[keyof typeof eraserErrorCodes];

export class EraserError extends Error {
  readonly code: EraserErrorCode;
  readonly retriable: boolean;

  constructor(options: { code: EraserErrorCode; message: string; retriable?: boolean; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'EraserError';
    this.code = options.code;
    this.retriable = options.retriable ?? false;
  }
}

const codes = new Set<string>(Object.values(eraserErrorCodes));

/** Recognises an EraserError by its code (style rule 18). */
export function isEraserError(error: unknown): error is EraserError {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && codes.has(error.code);
}
