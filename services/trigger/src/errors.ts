// Errors and reason codes of the trigger (style rule 18). Every code is documented in docs/errors.md.
export const triggerErrorCodes = {
  /** A policy document kept changing under concurrent commits (instances, ticks, HTTP calls) on every attempt. */
  DL_TRIGGER_STATE_CONFLICT: 'DL_TRIGGER_STATE_CONFLICT',
  /** A stored policy document does not have the expected shape. */
  DL_TRIGGER_INVALID_STATE: 'DL_TRIGGER_INVALID_STATE',
  /** An input topic or the retrain-requests topic does not exist. */
  DL_TRIGGER_TOPIC_MISSING: 'DL_TRIGGER_TOPIC_MISSING',
  /** The spec's retraining.schedule is not a valid cron expression: the schedule is ignored (logged). */
  DL_TRIGGER_INVALID_SCHEDULE: 'DL_TRIGGER_INVALID_SCHEDULE',
  /** Dead-letter reason: the webhook failed on every attempt (network error, timeout, 5xx, 408, 429). */
  DL_TRIGGER_WEBHOOK_FAILED: 'DL_TRIGGER_WEBHOOK_FAILED',
  /** Dead-letter reason: the webhook refused the request (4xx other than 408 and 429): not retried. */
  DL_TRIGGER_WEBHOOK_REJECTED: 'DL_TRIGGER_WEBHOOK_REJECTED',
  /** HTTP 404: no monitor spec for the model. */
  DL_TRIGGER_UNKNOWN_MODEL: 'DL_TRIGGER_UNKNOWN_MODEL',
  /** HTTP 404: completion of a request that is neither open nor the last closed one. */
  DL_TRIGGER_UNKNOWN_REQUEST: 'DL_TRIGGER_UNKNOWN_REQUEST',
  /** HTTP 409: the model has an open request (at most one per model). */
  DL_TRIGGER_REQUEST_OPEN: 'DL_TRIGGER_REQUEST_OPEN',
  /** HTTP 403: the model's spec sets retraining.onDemand to false. */
  DL_TRIGGER_ON_DEMAND_DISABLED: 'DL_TRIGGER_ON_DEMAND_DISABLED',
  /** HTTP 400: the request body is not the expected JSON. */
  DL_TRIGGER_INVALID_BODY: 'DL_TRIGGER_INVALID_BODY',
} as const;
export type TriggerErrorCode = (typeof triggerErrorCodes)[keyof typeof triggerErrorCodes];

export interface TriggerErrorContext {
  readonly modelId?: string;
  readonly key?: string;
  readonly attempts?: number;
  readonly status?: number;
  readonly topics?: readonly string[];
}

export class TriggerError extends Error {
  readonly code: TriggerErrorCode;
  readonly retriable: boolean;
  readonly context: TriggerErrorContext;

  constructor(options: { code: TriggerErrorCode; message: string; retriable?: boolean; context?: TriggerErrorContext; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'TriggerError';
    this.code = options.code;
    this.retriable = options.retriable ?? false;
    this.context = options.context ?? {};
  }
}

const codes = new Set<string>(Object.values(triggerErrorCodes));

/** Recognises a TriggerError by its code (style rule 18). */
export function isTriggerError(error: unknown): error is TriggerError {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && codes.has(error.code);
}
