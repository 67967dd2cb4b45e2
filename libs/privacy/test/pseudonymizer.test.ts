import { describe, expect, it } from 'vitest';
import { createPseudonymizer, isPseudonym, isPrivacyError } from '@driftline/privacy';

const PEPPER = 'a-pepper-of-at-least-thirty-two-bytes!';

describe('createPseudonymizer', () => {
  it('gives one subject the same versioned pseudonym every time, and different subjects different ones', () => {
    const p = createPseudonymizer({ pepper: PEPPER });

    const a = p.toPseudonym('customer-1');

    expect(a).toBe(p.toPseudonym('customer-1'));
    expect(a).not.toBe(p.toPseudonym('customer-2'));
    expect(a).toMatch(/^ps1_[A-Za-z0-9_-]{43}$/);
    expect(isPseudonym(a)).toBe(true);
    expect(a).not.toContain('customer-1');
  });

  it('depends on the pepper and names its version', () => {
    const other = createPseudonymizer({ pepper: `${PEPPER}x`, version: 2 });

    expect(other.toPseudonym('customer-1')).toMatch(/^ps2_/);
    expect(other.toPseudonym('customer-1').slice(4)).not.toBe(createPseudonymizer({ pepper: PEPPER }).toPseudonym('customer-1').slice(4));
  });

  it('refuses a pepper shorter than 32 bytes', () => {
    let caught: unknown;
    try { createPseudonymizer({ pepper: 'short' }); } catch (error) { caught = error; }

    expect(isPrivacyError(caught) && caught.code).toBe('DL_PRIVACY_WEAK_PEPPER');
  });

  it('recognises only the pseudonym shape', () => {
    expect(isPseudonym('customer-1')).toBe(false);
    expect(isPseudonym('ps1_short')).toBe(false);
  });
});
