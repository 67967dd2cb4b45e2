// Errors and reason codes of the joiner (style rule 18). Every code is documented in docs/errors.md.
import { unmatchedLabelReasons } from './core/reasons.ts';

export const joinerErrorCodes = {
  ...unmatchedLabelReasons,
  /** predictions and labels have different partition counts: the join cannot run. */
  DL_JOINER_NOT_COPARTITIONED: 'DL_JOINER_NOT_COPARTITIONED',
  /** A pending side changed between reading and claiming (another instance raced): the chunk is retried. */
  DL_JOINER_STATE_CHANGED: 'DL_JOINER_STATE_CHANGED',
} as const;
export type JoinerErrorCode = (typeof joinerErrorCodes)[keyof typeof joinerErrorCodes];

export interface JoinerErrorContext {
  readonly topic?: string;
  readonly partition?: number;
  readonly partitions?: Readonly<Record<string, number>>;
  readonly conflicts?: number;
}

export class JoinerError extends Error {
  readonly code: JoinerErrorCode;
  readonly retriable: boolean;
  readonly context: JoinerErrorContext;

  constructor(options: { code: JoinerErrorCode; message: string; retriable?: boolean; context?: JoinerErrorContext; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'JoinerError';
    this.code = options.code;
    this.retriable = options.retriable ?? false;
    this.context = options.context ?? {};
  }
}

const codes = new Set<string>(Object.values(joinerErrorCodes));

/** Recognises a JoinerError by its code (style rule 18). */
export function isJoinerError(error: unknown): error is JoinerError {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && codes.has(error.code);
}
