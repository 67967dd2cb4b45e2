// Which slices a row belongs to: one per slice key of the monitor spec, "<key>=<value>", with the
// value from the record's `slice` map or else from the feature of that name. Distinct values per
// key are capped; later ones go to `__other__`, so the number of slices stays bounded.
import type { InputRow } from '../input/input-row.ts';

export const otherSliceValue = '__other__';

export interface SliceAssigner {
  readonly keys: readonly string[];
  readonly maxValuesPerKey: number;
  /** Values admitted per key, in first-seen order. */
  readonly admitted: ReadonlyMap<string, Set<string>>;
  /** Once frozen, no new value is admitted (unknown ones map to `__other__`). */
  frozen: boolean;
}

export function createSliceAssigner(keys: readonly string[], maxValuesPerKey: number): SliceAssigner {
  return { keys, maxValuesPerKey, admitted: new Map(keys.map((k) => [k, new Set<string>()])), frozen: false };
}

/** A frozen assigner that admits exactly the values of `sliceIds` (e.g. read from a profile). */
export function createFrozenSliceAssigner(keys: readonly string[], maxValuesPerKey: number, sliceIds: readonly string[]): SliceAssigner {
  const assigner = createSliceAssigner(keys, maxValuesPerKey);
  for (const id of sliceIds) {
    const eq = id.indexOf('=');
    const value = id.slice(eq + 1);
    if (value !== otherSliceValue) assigner.admitted.get(id.slice(0, eq))?.add(value);
  }
  assigner.frozen = true;
  return assigner;
}

/** A slice value as text (strings as they are, booleans and finite numbers as text), else undefined. */
export function toSliceText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw))) return String(raw);
  return undefined;
}

/** The slice value of `key` in `row` as text, or undefined when the row has none. */
export function toSliceValue(row: InputRow, key: string): string | undefined {
  return toSliceText(row.slice?.[key] ?? row.features[key]);
}

/** The slice id of `value` for `key`, admitting the value while there is room (undefined: unknown key). */
export function toSliceId(assigner: SliceAssigner, key: string, value: string): string | undefined {
  const admitted = assigner.admitted.get(key);
  if (admitted === undefined) return undefined;
  if (admitted.has(value)) return `${key}=${value}`;
  if (!assigner.frozen && admitted.size < assigner.maxValuesPerKey) {
    admitted.add(value);
    return `${key}=${value}`;
  }
  return `${key}=${otherSliceValue}`;
}

/** The slice ids of `row` (a row without a value for a key is in no slice of that key). */
export function toSliceIds(assigner: SliceAssigner, row: InputRow): string[] {
  const ids: string[] = [];
  for (const key of assigner.keys) {
    const value = toSliceValue(row, key);
    const id = value === undefined ? undefined : toSliceId(assigner, key, value);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}
