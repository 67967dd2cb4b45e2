/** Extracts the value a feature's statistics record, or undefined when it counts as missing. */

/** A finite number, else undefined (null, NaN, ±Infinity and wrong types count as missing). */
export function toNumericValue(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A category: strings for categorical features, `"true"`/`"false"` for booleans; else undefined. */
export function toCategoryValue(value: unknown, type: 'categorical' | 'boolean'): string | undefined {
  if (type === 'boolean') return typeof value === 'boolean' ? String(value) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The vocabulary of a boolean feature. */
export const booleanCategories: readonly string[] = ['false', 'true'];
