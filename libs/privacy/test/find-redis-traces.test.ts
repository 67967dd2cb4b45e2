import { describe, expect, it } from 'vitest';
import { containsToken } from '@driftline/privacy';

describe('containsToken', () => {
  it('finds a needle only as a whole id', () => {
    expect(containsToken('dl:join:{req-7}:p', 'req-7')).toBe(true);
    expect(containsToken('dl:join:{req-70}:p', 'req-7')).toBe(false);
    expect(containsToken('xreq-7 req-7', 'req-7')).toBe(true);
    expect(containsToken('customer-7', 'customer-7')).toBe(true);
    expect(containsToken('customer-71', 'customer-7')).toBe(false);
  });
});
