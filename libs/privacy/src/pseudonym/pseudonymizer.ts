// The keyed pseudonym of a subject id: HMAC-SHA-256 under a secret pepper, versioned so the pepper
// can be rotated (`ps<version>_<43 base64url chars>`). Deterministic, so every service and the
// subject index agree on it without a lookup table; without the pepper it cannot be reversed or
// recomputed from a guessed id.
import { createHmac } from 'node:crypto';
import { PrivacyError, privacyErrorCodes } from '../errors.ts';

/** Shortest accepted pepper, in bytes (UTF-8). */
export const MIN_PEPPER_BYTES = 32;

const PATTERN = /^ps[1-9][0-9]*_[A-Za-z0-9_-]{43}$/;

export interface Pseudonymizer {
  /** The pseudonym of a plain subject id. */
  toPseudonym(subjectId: string): string;
}

/**
 * Builds the pseudonymizer for a pepper. Throws DL_PRIVACY_WEAK_PEPPER when the pepper is shorter
 * than {@link MIN_PEPPER_BYTES}.
 */
export function createPseudonymizer(options: { readonly pepper: string; readonly version?: number }): Pseudonymizer {
  const pepper = Buffer.from(options.pepper, 'utf8');
  if (pepper.length < MIN_PEPPER_BYTES) {
    throw new PrivacyError({ code: privacyErrorCodes.DL_PRIVACY_WEAK_PEPPER, message: `the pseudonym pepper must have at least ${MIN_PEPPER_BYTES} bytes (it has ${pepper.length})` });
  }
  const prefix = `ps${options.version ?? 1}_`;
  return {
    toPseudonym: (subjectId) => `${prefix}${createHmac('sha256', pepper).update(subjectId, 'utf8').digest('base64url')}`,
  };
}

/** Whether `value` has the shape of a pseudonym (any version). */
export function isPseudonym(value: string): boolean {
  return PATTERN.test(value);
}
