import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { scanPlainDecimal } from '../../src/input/parse-decimal.ts';

/** Scans `text` as the cell before a comma: the value (NaN when not plain) and where the cell ended. */
function scan(text: string): { value: number; end: number } {
  const bytes = Buffer.from(`#${text},9`, 'latin1');
  const out = new Float64Array(1);
  const end = scanPlainDecimal(bytes, 1, bytes.length, out, 0);
  return { value: out[0] ?? Number.NaN, end: end - 1 };
}

describe('scanPlainDecimal', () => {
  it('reads plain decimals up to the comma and leaves everything else to Number', () => {
    expect(['41', '-12.50', '007', '0.1', '123456789012345'].map((t) => scan(t))).toEqual([
      { value: 41, end: 2 }, { value: -12.5, end: 6 }, { value: 7, end: 3 }, { value: 0.1, end: 3 }, { value: 123456789012345, end: 15 },
    ]);
    expect(Object.is(scan('-0').value, -0)).toBe(true);
    for (const other of ['', '-', '1.', '.5', '1e3', '+1', ' 2', 'NaN', 'Infinity', '0x1f', '1.2.3', '1234567890123456']) {
      expect(scan(other)).toEqual({ value: Number.NaN, end: other.length });
    }
  });

  it.prop([fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,9}$/), fc.stringMatching(/^[0-9]{0,9}$/)).map(([neg, a, b]) => `${neg ? '-' : ''}${a}${b === '' ? '' : `.${b}`}`),
  )])('gives exactly what Number gives whenever it reads the text', (text) => {
    const { value, end } = scan(text);
    expect(end).toBe(text.length);
    if (!Number.isNaN(value)) expect(Object.is(value, Number(text))).toBe(true);
  });
});
