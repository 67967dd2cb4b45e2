// Errors of @driftline/privacy (style rule 18). Every code is documented in docs/errors.md.
export const privacyErrorCodes = {
  /** The pepper is too short to make pseudonyms that cannot be brute-forced. */
  DL_PRIVACY_WEAK_PEPPER: 'DL_PRIVACY_WEAK_PEPPER',
  /** A value is not a Driftline envelope, or it does not decrypt with its subject's key (tampered, or another key). */
  DL_PRIVACY_BAD_ENVELOPE: 'DL_PRIVACY_BAD_ENVELOPE',
} as const;
export type PrivacyErrorCode = (typeof privacyErrorCodes)[keyof typeof privacyErrorCodes];

export class PrivacyError extends Error {
  readonly code: PrivacyErrorCode;
  readonly retriable = false;

  constructor(options: { code: PrivacyErrorCode; message: string; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'PrivacyError';
    this.code = options.code;
  }
}

const codes = new Set<string>(Object.values(privacyErrorCodes));

/** Recognises a PrivacyError by its code (style rule 18). */
export function isPrivacyError(error: unknown): error is PrivacyError {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && codes.has(error.code);
}
