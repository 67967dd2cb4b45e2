import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parsePlainDecimal } from '../../src/input/parse-decimal.ts';

const parse = (text: string): number => {
  const bytes = Buffer.from(`#${text}#`, 'latin1');
  return parsePlainDecimal(bytes, 1, bytes.length - 1);
};

describe('parsePlainDecimal', () => {
  it('reads plain decimals and leaves everything else to Number', () => {
    expect([parse('41'), parse('-12.50'), parse('007'), parse('0.1'), parse('123456789012345')]).toEqual([41, -12.5, 7, 0.1, 123456789012345]);
    expect(Object.is(parse('-0'), -0)).toBe(true);
    for (const other of ['', '-', '1.', '.5', '1e3', '+1', ' 2', 'NaN', 'Infinity', '0x1f', '1.2.3', '1234567890123456']) expect(parse(other)).toBeNaN();
  });

  it.prop([fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,9}$/), fc.stringMatching(/^[0-9]{0,9}$/)).map(([neg, a, b]) => `${neg ? '-' : ''}${a}${b === '' ? '' : `.${b}`}`),
  )])('gives exactly what Number gives whenever it reads the text', (text) => {
    const x = parse(text);
    if (!Number.isNaN(x)) expect(Object.is(x, Number(text))).toBe(true);
  });
});
