import { assertArgument } from '../errors.ts';
import { categoryCodes, internCategory } from './category-dictionary.ts';
import type { CategoryDictionary } from './category-dictionary.ts';

/**
 * Column-oriented input of the batch profile builder: one typed array per feature for a batch of
 * rows, so the per-value work has no objects, no string allocation and no type dispatch.
 *
 * A numeric column holds the number, or NaN for a missing value (undefined, null or NaN: they
 * count alike everywhere); `wrongType[row]` is 1 when the value was present but not a number.
 */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly values: Float64Array;
  readonly wrongType: Uint8Array;
  /**
   * Derived from `values` by the builder, once per batch for every builder that reads the column:
   * sketch bucket (at `derivedAlpha`) and distinct-counter hash of rows 0 … derived − 1. Reset by
   * {@link clearProfileColumn}; write values only into a cleared column.
   */
  readonly buckets: Int32Array;
  readonly hashes: Uint32Array;
  derived: number;
  derivedAlpha: number;
}

/**
 * A categorical (strings) or boolean column: dictionary ids, or one of {@link categoryCodes}. For
 * `notInDictionary`, `overflow[row]` holds the string when `keepOverflow` (personal-data columns
 * keep none). Boolean columns use the boolean dictionary (0 false, 1 true).
 */
export interface CategoryColumn {
  readonly kind: 'category';
  readonly valueType: 'string' | 'boolean';
  readonly codes: Int32Array;
  readonly dictionary: CategoryDictionary;
  readonly keepOverflow: boolean;
  readonly overflow: (string | undefined)[];
}

/** Either kind. */
export type ProfileColumn = NumericColumn | CategoryColumn;

/** An all-missing numeric column of `capacity` rows. */
export function createNumericColumn(capacity: number): NumericColumn {
  assertArgument(Number.isInteger(capacity) && capacity > 0, 'createNumericColumn: capacity must be a positive integer');
  return {
    kind: 'numeric', values: new Float64Array(capacity).fill(Number.NaN), wrongType: new Uint8Array(capacity),
    buckets: new Int32Array(capacity), hashes: new Uint32Array(capacity), derived: 0, derivedAlpha: Number.NaN,
  };
}

/** An all-missing category column of `capacity` rows over `dictionary`. */
export function createCategoryColumn(options: {
  readonly capacity: number;
  readonly dictionary: CategoryDictionary;
  readonly valueType: 'string' | 'boolean';
  readonly keepOverflow: boolean;
}): CategoryColumn {
  assertArgument(Number.isInteger(options.capacity) && options.capacity > 0, 'createCategoryColumn: capacity must be a positive integer');
  return {
    kind: 'category', valueType: options.valueType, codes: new Int32Array(options.capacity).fill(categoryCodes.missing),
    dictionary: options.dictionary, keepOverflow: options.keepOverflow, overflow: [],
  };
}

/** Marks every row of `column` missing again (before a new batch). */
export function clearProfileColumn(column: ProfileColumn): void {
  if (column.kind === 'numeric') {
    column.values.fill(Number.NaN);
    column.wrongType.fill(0);
    column.derived = 0;
  } else {
    column.codes.fill(categoryCodes.missing);
    column.overflow.length = 0;
  }
}

/** Sets a category row to a string: its id, or `notInDictionary` (keeping the string if asked). */
function writeCategoryString(column: CategoryColumn, row: number, value: string): void {
  const id = internCategory(column.dictionary, value);
  column.codes[row] = id;
  if (id === categoryCodes.notInDictionary && column.keepOverflow) column.overflow[row] = value;
}

/**
 * Sets row `row` of `column` from any value, as the row-based builder would see it: numbers for
 * numeric columns, strings for categorical ones, booleans for boolean ones; undefined and null are
 * missing; anything else is a wrong type.
 */
export function writeColumnValue(column: ProfileColumn, row: number, value: unknown): void {
  if (column.kind === 'numeric') {
    const isNumber = typeof value === 'number';
    column.values[row] = isNumber ? value : Number.NaN;
    column.wrongType[row] = isNumber || value === undefined || value === null ? 0 : 1;
    return;
  }
  if (value === undefined || value === null) column.codes[row] = categoryCodes.missing;
  else if (column.valueType === 'boolean') column.codes[row] = typeof value === 'boolean' ? Number(value) : categoryCodes.wrongType;
  else if (typeof value === 'string') writeCategoryString(column, row, value);
  else column.codes[row] = categoryCodes.wrongType;
}
