import { describe, expect, it } from 'vitest';
import { categoryCodes, createBooleanDictionary, createCategoryDictionary, dictionaryCharBudget, internCategory } from '../../src/profile/category-dictionary.ts';
import { hashString } from '../../src/hash/murmur3.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

describe('category dictionary', () => {
  it('gives the declared categories the first ids, then strings as they come, and nothing once full', () => {
    const d = createCategoryDictionary({ initial: ['a', 'b'], capacity: 3 });
    expect([internCategory(d, 'b'), internCategory(d, 'z'), internCategory(d, 'y'), internCategory(d, 'z')]).toEqual([1, 2, categoryCodes.notInDictionary, 2]);
    expect(d.values).toEqual(['a', 'b', 'z']);
    expect(d.hashes).toEqual(['a', 'b', 'z'].map((v) => hashString(v)));
  });

  it('stops taking strings at its character budget (long strings fill it sooner), declared ones aside', () => {
    const d = createCategoryDictionary({ initial: ['x'.repeat(10)] });
    const long = 'y'.repeat(dictionaryCharBudget);
    expect(internCategory(d, long)).toBe(categoryCodes.notInDictionary);
    expect(internCategory(d, 'short')).toBe(1);
  });

  it('is lookup-only at the size of its declared categories, and booleans are false then true', () => {
    const d = createCategoryDictionary({ initial: ['a'], capacity: 1 });
    expect([internCategory(d, 'a'), internCategory(d, 'b')]).toEqual([0, categoryCodes.notInDictionary]);
    expect(createBooleanDictionary().values).toEqual(['false', 'true']);
    expectStatsError(() => createCategoryDictionary({ initial: ['a', 'a'] }), 'DL_STATS_INVALID_ARGUMENT');
  });
});
