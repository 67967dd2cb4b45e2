// One encrypted value: `dlenc1.<pseudonym>.<iv>.<ciphertext>.<tag>` (base64url parts), AES-256-GCM
// under the subject's data key. The pseudonym names the key (consumers find it without another
// lookup) and is bound to the ciphertext as additional authenticated data, so a value cannot be
// moved to another subject. Deleting the key makes every copy unreadable (crypto-shredding).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PrivacyError, privacyErrorCodes } from '../errors.ts';
import { isPseudonym } from '../pseudonym/pseudonymizer.ts';

const TAG = 'dlenc1';
const IV_BYTES = 12;
const KEY_BYTES = 32;

export interface Envelope {
  readonly pseudonym: string;
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/** A new random AES-256 data key. */
export function createDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Encrypts `plaintext` (UTF-8) for the subject `pseudonym` with its data key. */
export function sealValue(input: { readonly key: Buffer; readonly pseudonym: string; readonly plaintext: string }): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', input.key, iv);
  cipher.setAAD(Buffer.from(`${TAG}.${input.pseudonym}`));
  const ciphertext = Buffer.concat([cipher.update(input.plaintext, 'utf8'), cipher.final()]);
  return [TAG, input.pseudonym, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The parts of an envelope; undefined when `value` is not one. */
export function parseEnvelope(value: string): Envelope | undefined {
  if (!value.startsWith(`${TAG}.`)) return undefined;
  const parts = value.split('.');
  if (parts.length !== 5) return undefined;
  const [, pseudonym, iv, ciphertext, tag] = parts;
  if (pseudonym === undefined || iv === undefined || ciphertext === undefined || tag === undefined || !isPseudonym(pseudonym)) return undefined;
  return { pseudonym, iv: Buffer.from(iv, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url'), tag: Buffer.from(tag, 'base64url') };
}

/** Whether `value` is an envelope (a string in the envelope format). */
export function isEnvelope(value: unknown): value is string {
  return typeof value === 'string' && parseEnvelope(value) !== undefined;
}

/** Decrypts an envelope with its subject's data key. Throws DL_PRIVACY_BAD_ENVELOPE when it is not one or does not authenticate. */
export function openValue(key: Buffer, value: string): string {
  const envelope = parseEnvelope(value);
  if (envelope === undefined) throw new PrivacyError({ code: privacyErrorCodes.DL_PRIVACY_BAD_ENVELOPE, message: 'not a Driftline envelope' });
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, envelope.iv);
    decipher.setAAD(Buffer.from(`${TAG}.${envelope.pseudonym}`));
    decipher.setAuthTag(envelope.tag);
    return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new PrivacyError({ code: privacyErrorCodes.DL_PRIVACY_BAD_ENVELOPE, message: 'the envelope does not authenticate with this key (tampered, or encrypted under another key)', cause: error });
  }
}
