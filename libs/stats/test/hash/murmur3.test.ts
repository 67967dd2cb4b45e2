import { describe, expect, it } from 'vitest';
import { hashNumber, hashString } from '../../src/hash/murmur3.ts';

// Expected values from the reference implementation (Python mmh3, unsigned, UTF-8 bytes).
describe('murmur3', () => {
  it.each([
    ['', 0, 0],
    ['hello', 0, 0x248bfa47],
    ['abcd', 0, 1139631978],
    ['héllo €𝄞', 7, 2105644429],
  ])('hashes %j with seed %i like the reference', (text, seed, expected) => {
    expect(hashString(text, seed)).toBe(expected);
  });

  it('hashes a number as its little-endian IEEE-754 bytes', () => {
    expect(hashNumber(1.5)).toBe(4034560987);
  });

  it('treats -0 as 0 and all NaNs alike', () => {
    expect(hashNumber(-0)).toBe(hashNumber(0));
    expect(hashNumber(Number.NaN)).toBe(hashNumber(-Number.NaN));
  });

  it('maps lone surrogates to U+FFFD like TextEncoder', () => {
    expect(hashString('a\ud800b')).toBe(hashString('a\ufffdb'));
  });
});
