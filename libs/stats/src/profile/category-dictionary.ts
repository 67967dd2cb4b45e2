import { assertArgument } from '../errors.ts';
import { hashString } from '../hash/murmur3.ts';
import { booleanCategories } from './feature-values.ts';

/**
 * Small integer ids for the distinct strings of one column, so a profile builder counts per id
 * (typed arrays) and hashes each distinct string once. The first `fixed` ids are the declared
 * categories (in order); later strings get ids as they appear, up to `capacity` strings and
 * {@link dictionaryCharBudget} UTF-16 units in all. A full dictionary admits nothing more:
 * {@link internCategory} answers {@link categoryCodes}.notInDictionary and the caller keeps the
 * string itself (so memory stays bounded by the dictionary's limits, not by the data).
 */
export interface CategoryDictionary {
  /** Strings by id. */
  readonly values: string[];
  /** MurmurHash3 of each string (what HyperLogLog records). */
  readonly hashes: number[];
  readonly ids: Map<string, number>;
  /** Number of declared categories (ids 0 … fixed − 1). */
  readonly fixed: number;
  readonly capacity: number;
  /** UTF-16 units held. */
  chars: number;
}

/** Codes a category column holds besides dictionary ids (which are ≥ 0). */
export const categoryCodes = {
  /** Absent, undefined or null. */
  missing: -1,
  /** Present but not a string (not a boolean for boolean columns). */
  wrongType: -2,
  /** A string the (full) dictionary does not hold. */
  notInDictionary: -3,
} as const;

/** Default number of distinct strings kept per column (a builder keeps 9 bytes per string per feature). */
export const defaultDictionaryCapacity = 16_384;

/** UTF-16 units a dictionary holds at most beyond its declared categories (long strings fill it sooner). */
export const dictionaryCharBudget = 1 << 20;

/**
 * A dictionary holding `initial` (declared categories, distinct) as ids 0 … n − 1, admitting at
 * most `capacity` strings in all (default {@link defaultDictionaryCapacity}; `capacity` equal to
 * the number of initial strings makes a lookup-only dictionary).
 */
export function createCategoryDictionary(options: { readonly initial?: readonly string[]; readonly capacity?: number } = {}): CategoryDictionary {
  const initial = options.initial ?? [];
  const capacity = options.capacity ?? Math.max(defaultDictionaryCapacity, initial.length);
  assertArgument(Number.isInteger(capacity) && capacity >= initial.length, 'createCategoryDictionary: capacity must hold the initial strings');
  assertArgument(new Set(initial).size === initial.length, 'createCategoryDictionary: duplicate initial strings');
  const dictionary: CategoryDictionary = { values: [], hashes: [], ids: new Map(), fixed: initial.length, capacity, chars: 0 };
  for (const value of initial) internCategory(dictionary, value);
  return dictionary;
}

/** The id of `value`, added when new and there is room; `notInDictionary` when the dictionary is full. */
export function internCategory(dictionary: CategoryDictionary, value: string): number {
  const known = dictionary.ids.get(value);
  if (known !== undefined) return known;
  const id = dictionary.values.length;
  if (id >= dictionary.capacity || (id >= dictionary.fixed && dictionary.chars + value.length > dictionaryCharBudget)) return categoryCodes.notInDictionary;
  dictionary.chars += value.length;
  dictionary.values.push(value);
  dictionary.hashes.push(hashString(value));
  dictionary.ids.set(value, id);
  return id;
}

/** The dictionary of boolean columns: id 0 is `"false"`, id 1 is `"true"` (their category values). */
export function createBooleanDictionary(): CategoryDictionary {
  return createCategoryDictionary({ initial: booleanCategories, capacity: booleanCategories.length });
}
