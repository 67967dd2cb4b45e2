// Errors of @driftline/redis-state (style rule 18). Every code is documented in docs/errors.md.
export const redisStateErrorCodes = {
  DL_STATE_LOST: 'DL_STATE_LOST',
  DL_STATE_WATERMARK_CONFLICT: 'DL_STATE_WATERMARK_CONFLICT',
  DL_STATE_DOCUMENT_CONFLICT: 'DL_STATE_DOCUMENT_CONFLICT',
} as const;
export type RedisStateErrorCode = (typeof redisStateErrorCodes)[keyof typeof redisStateErrorCodes];

/** The store no longer holds the state an update builds on (e.g. Redis restarted without persistence). */
export class StateLostError extends Error {
  readonly code: RedisStateErrorCode = redisStateErrorCodes.DL_STATE_LOST;
  readonly retriable = false;
  readonly guardKey: string;

  constructor(guardKey: string) {
    super(`derived state is gone: guard key ${guardKey} no longer holds its value (did Redis restart without persistence?)`);
    this.name = 'StateLostError';
    this.guardKey = guardKey;
  }
}

export function isStateLostError(error: unknown): error is StateLostError {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === redisStateErrorCodes.DL_STATE_LOST;
}

/** An update overlaps offsets already applied by someone else; re-read the watermark and fold again. */
export class WatermarkConflictError extends Error {
  readonly code: RedisStateErrorCode = redisStateErrorCodes.DL_STATE_WATERMARK_CONFLICT;
  readonly retriable = true;
  readonly stored: number;

  constructor(field: string, stored: number) {
    super(`watermark ${field} is already at ${stored}, inside the offsets of this update`);
    this.name = 'WatermarkConflictError';
    this.stored = stored;
  }
}

/** A document changed between reading it and committing (another process committed first); read again and recompute. */
export class DocumentConflictError extends Error {
  readonly code: RedisStateErrorCode = redisStateErrorCodes.DL_STATE_DOCUMENT_CONFLICT;
  readonly retriable = true;
  readonly key: string;

  constructor(key: string) {
    super(`document ${key} changed since it was read`);
    this.name = 'DocumentConflictError';
    this.key = key;
  }
}
