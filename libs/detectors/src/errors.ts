/**
 * The one error type of `@driftline/detectors` (style rule 18). Every failure is a programming or
 * data error, so none is retriable: the caller fixes the spec, the input or the snapshot.
 */
export const DETECTOR_ERROR_CODES = [
  'DL_DETECTOR_INVALID_PARAM',
  'DL_DETECTOR_INVALID_INPUT',
  'DL_DETECTOR_NON_BINARY_INPUT',
  'DL_DETECTOR_INVALID_SNAPSHOT',
  'DL_DETECTOR_UNSUPPORTED_VERSION',
  'DL_DETECTOR_UNKNOWN_KIND',
] as const;

export type DetectorErrorCode = (typeof DETECTOR_ERROR_CODES)[number];

/** Typed context carried by a {@link DetectorError}; every field is optional. */
export interface DetectorErrorContext {
  readonly kind?: string;
  readonly param?: string;
  readonly value?: unknown;
  readonly field?: string;
}

export class DetectorError extends Error {
  readonly code: DetectorErrorCode;
  readonly retriable = false;
  readonly context: DetectorErrorContext;

  constructor(code: DetectorErrorCode, message: string, context: DetectorErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DetectorError';
    this.code = code;
    this.context = context;
  }
}

const codeSet: ReadonlySet<string> = new Set(DETECTOR_ERROR_CODES);

/** Recognises a detector error by its code, also across duplicated package copies (no `instanceof`). */
export function isDetectorError(value: unknown): value is DetectorError {
  if (typeof value !== 'object' || value === null) return false;
  const code: unknown = (value as { code?: unknown }).code;
  return typeof code === 'string' && codeSet.has(code);
}
