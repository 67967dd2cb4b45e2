// Errors of the detector (style rule 18). Every code is documented in docs/errors.md.
import { windowInputErrorCodes } from './core/window-findings/index.ts';

export const detectorServiceErrorCodes = {
  ...windowInputErrorCodes,
  DL_DETECT_CHECKPOINT_INVALID: 'DL_DETECT_CHECKPOINT_INVALID',
  DL_DETECT_AGGREGATOR_UNAVAILABLE: 'DL_DETECT_AGGREGATOR_UNAVAILABLE',
} as const;
export type DetectorServiceErrorCode = (typeof detectorServiceErrorCodes)[keyof typeof detectorServiceErrorCodes];

export class DetectorServiceError extends Error {
  readonly code: DetectorServiceErrorCode;
  readonly retriable: boolean;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(options: { code: DetectorServiceErrorCode; message: string; retriable: boolean; context?: Readonly<Record<string, unknown>>; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DetectorServiceError';
    this.code = options.code;
    this.retriable = options.retriable;
    this.context = options.context ?? {};
  }
}
