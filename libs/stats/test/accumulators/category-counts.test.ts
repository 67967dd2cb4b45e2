import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  createCategoryCounts, diffCategoryCounts, mergeCategoryCounts, recordCategory, toCategoryFrequencies, toCategoryLookup,
} from '../../src/accumulators/category-counts.ts';

const vocab = ['a', 'b', 'c'];
const lookup = toCategoryLookup(vocab);
const values = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '__proto__', 'constructor'), { maxLength: 60 });

function fold(xs: readonly string[]) {
  const s = createCategoryCounts(vocab);
  for (const x of xs) recordCategory(s, lookup, x);
  return s;
}

describe('category counts', () => {
  it('counts values outside the vocabulary as other', () => {
    const freq = toCategoryFrequencies(fold(['a', 'a', 'd', '__proto__', 'c']));
    expect([...freq]).toEqual([['a', 2], ['b', 0], ['c', 1], ['__other__', 2]]);
  });

  it.prop([values, values, values])('merge is associative and commutative; diff undoes it', (a, b, c) => {
    const [sa, sb, sc] = [fold(a), fold(b), fold(c)];
    expect(mergeCategoryCounts(mergeCategoryCounts(sa, sb), sc)).toEqual(mergeCategoryCounts(sa, mergeCategoryCounts(sb, sc)));
    expect(mergeCategoryCounts(sa, sb)).toEqual(mergeCategoryCounts(sb, sa));
    expect(diffCategoryCounts(sa, mergeCategoryCounts(sa, sb))).toEqual(sb);
  });

  it('rejects duplicate categories and different vocabularies', () => {
    expect(() => createCategoryCounts(['a', 'a'])).toThrow(/duplicate/);
    expect(() => mergeCategoryCounts(createCategoryCounts(['a']), createCategoryCounts(['b']))).toThrow(/vocabularies/);
  });
});
