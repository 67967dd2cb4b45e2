import { describe, expect, it } from 'vitest';
import { createDataKey, createPseudonymizer, isEnvelope, isPrivacyError, openValue, parseEnvelope, sealValue } from '@driftline/privacy';

const pseudonym = createPseudonymizer({ pepper: 'a-pepper-of-at-least-thirty-two-bytes!' }).toPseudonym('customer-1');

function codeOf(fn: () => unknown): string | undefined {
  try { fn(); } catch (error) { return isPrivacyError(error) ? error.code : 'other'; }
  return undefined;
}

describe('envelopes', () => {
  it('round-trips a value and names the subject without revealing the value', () => {
    const key = createDataKey();

    const sealed = sealValue({ key, pseudonym, plaintext: '"secret-value"' });

    expect(isEnvelope(sealed)).toBe(true);
    expect(parseEnvelope(sealed)?.pseudonym).toBe(pseudonym);
    expect(sealed).not.toContain('secret');
    expect(openValue(key, sealed)).toBe('"secret-value"');
  });

  it('uses a fresh IV each time', () => {
    const key = createDataKey();

    expect(sealValue({ key, pseudonym, plaintext: 'x' })).not.toBe(sealValue({ key, pseudonym, plaintext: 'x' }));
  });

  it('refuses another key, a tampered ciphertext and a value moved to another subject', () => {
    const key = createDataKey();
    const sealed = sealValue({ key, pseudonym, plaintext: 'hello' });
    const parts = sealed.split('.');
    const other = createPseudonymizer({ pepper: 'a-pepper-of-at-least-thirty-two-bytes!' }).toPseudonym('customer-2');
    const flipped = Buffer.from(parts[3] ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;

    expect(codeOf(() => openValue(createDataKey(), sealed))).toBe('DL_PRIVACY_BAD_ENVELOPE');
    expect(codeOf(() => openValue(key, [parts[0], parts[1], parts[2], flipped.toString('base64url'), parts[4]].join('.')))).toBe('DL_PRIVACY_BAD_ENVELOPE');
    expect(codeOf(() => openValue(key, [parts[0], other, parts[2], parts[3], parts[4]].join('.')))).toBe('DL_PRIVACY_BAD_ENVELOPE');
    expect(codeOf(() => openValue(key, 'plain text'))).toBe('DL_PRIVACY_BAD_ENVELOPE');
  });

  it('does not take other strings for envelopes', () => {
    expect(isEnvelope('dlenc1.not.an.envelope')).toBe(false);
    expect(isEnvelope(42)).toBe(false);
    expect(parseEnvelope('customer-1')).toBeUndefined();
  });
});
