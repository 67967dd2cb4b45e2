import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { fromPackedVector, isPackedVector, toPackedVector } from '../src/packed-vector.ts';

describe('packed vector', () => {
  it('round-trips integers of every MessagePack width, fractions, large and special numbers', () => {
    const values = [0, 1, 127, 128, 255, 256, 65_535, 65_536, 4_294_967_295, 4_294_967_296, -1, -32, -33, -128, -129, -32_768, -32_769, -2_147_483_648, -2_147_483_649, 0.1, -2.5e-300, 1e300, 2 ** 53 + 2, -0, Number.POSITIVE_INFINITY, Number.NaN];

    const back = fromPackedVector(toPackedVector(-7, values));

    expect(back.offset).toBe(-7);
    expect([...back.values]).toEqual(values);
  });

  it('uses one byte per small count and tells vectors from numbers stored as text', () => {
    const small = toPackedVector(3, [1, 2, 3]);
    const long = toPackedVector(0, new Float64Array(70_000));

    expect([...small]).toEqual([0x94, 3, 1, 2, 3]);
    expect([isPackedVector(small), isPackedVector(long), isPackedVector(toPackedVector(0, new Float64Array(20)))]).toEqual([true, true, true]);
    expect(['12', '-3.5', 'inf', 'nan'].map((s) => isPackedVector(Buffer.from(s)))).toEqual([false, false, false, false]);
    expect(fromPackedVector(long).values).toHaveLength(70_000);
  });

  it('refuses trailing bytes', () => {
    expect(() => fromPackedVector(Buffer.concat([toPackedVector(0, [1]), Buffer.from([1])]))).toThrow(TypeError);
  });

  test.prop([fc.integer({ min: -100_000, max: 100_000 }), fc.array(fc.double(), { maxLength: 40 })])('round-trips any doubles', (offset, values) => {
    const back = fromPackedVector(toPackedVector(offset, values));
    expect([back.offset, [...back.values]]).toEqual([offset, values]);
  });
});
