import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { categoryCodes, createBooleanDictionary, createCategoryDictionary } from '../../src/profile/category-dictionary.ts';
import {
  createColumnProfileBuilder, recordHistogramColumn, recordOverflowColumn, recordProfileColumns, startColumnHistogramPass, toColumnReferenceProfile,
} from '../../src/profile/column-profile-builder.ts';
import { clearProfileColumn, createCategoryColumn, createNumericColumn, writeColumnValue } from '../../src/profile/profile-columns.ts';
import type { ProfileColumn } from '../../src/profile/profile-columns.ts';
import { createProfileBuilder, recordProfileRow, startHistogramPass, toReferenceProfile } from '../../src/profile/profile-builder.ts';
import type { ProfileOptions } from '../../src/profile/profile-builder.ts';
import type { FeatureSpec } from '../../src/quality/feature-spec.ts';
import { isStatsError } from '../../src/errors.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

const specs: FeatureSpec[] = [
  { name: 'age', type: 'numeric', range: { min: 0, max: 50 } },
  { name: 'income', type: 'numeric' },
  { name: 'salary', type: 'numeric', pii: true },
  { name: 'status', type: 'categorical', categories: ['a', 'b', 'c'] },
  { name: 'city', type: 'categorical' },
  { name: 'flag', type: 'boolean' },
  { name: 'email', type: 'categorical', pii: true },
  { name: 'code', type: 'categorical', categories: ['x', 'y'], pii: true },
];

const anyValue = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -5, max: 60 }) },
  { weight: 3, arbitrary: fc.double({ min: -1e6, max: 1e6 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, 1e300, -1e-300) },
  { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y', '', 'é€') },
  { weight: 3, arbitrary: fc.string({ maxLength: 3 }) },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined, {}, [1]) },
);
const rowArb = fc.array(anyValue, { minLength: specs.length, maxLength: specs.length })
  .map((values) => Object.fromEntries(specs.map((s, i) => [s.name, values[i]])) as Record<string, unknown>);

function rowBased(rows: readonly Record<string, unknown>[], options: ProfileOptions): string {
  const builder = createProfileBuilder(specs, options);
  for (const r of rows) recordProfileRow(builder, r);
  startHistogramPass(builder);
  for (const r of rows) recordProfileRow(builder, r);
  return JSON.stringify(toReferenceProfile(builder));
}

/** Columns over dictionaries as a reader would make them (small capacities, so they fill up). */
function toColumns(capacity: number, dictionaryCapacity: number): ProfileColumn[] {
  return specs.map((spec) => {
    if (spec.type === 'numeric') return createNumericColumn(capacity);
    if (spec.type === 'boolean') return createCategoryColumn({ capacity, dictionary: createBooleanDictionary(), valueType: 'boolean', keepOverflow: false });
    const initial = spec.categories ?? [];
    const dictionary = createCategoryDictionary({ initial, capacity: spec.pii === true ? initial.length : Math.max(initial.length, dictionaryCapacity) });
    return createCategoryColumn({ capacity, dictionary, valueType: 'string', keepOverflow: spec.pii !== true });
  });
}

/** Column-based, in batches of `batch` rows, taking only the rows `keep` selects (a slice). */
function columnBased(rows: readonly Record<string, unknown>[], options: ProfileOptions & { batch: number; dictionaryCapacity: number; keep: (i: number) => boolean }): string {
  const builder = createColumnProfileBuilder(specs, options);
  const columns = toColumns(options.batch, options.dictionaryCapacity);
  const spilled: { values: Float64Array[]; strings: (string | null)[][]; rows: Int32Array; count: number }[] = [];
  for (let start = 0; start < rows.length; start += options.batch) {
    const part = rows.slice(start, start + options.batch);
    for (const c of columns) clearProfileColumn(c);
    part.forEach((r, i) => { specs.forEach((s, f) => { const c = columns[f]; if (c !== undefined) writeColumnValue(c, i, r[s.name]); }); });
    const selected = part.map((_, i) => i).filter((i) => options.keep(start + i));
    const selection = { columns, rows: Int32Array.from(selected), count: selected.length };
    recordProfileColumns(builder, selection);
    spilled.push({
      ...selection,
      values: columns.map((c) => (c.kind === 'numeric' ? c.values.slice() : new Float64Array(0))),
      strings: columns.map((c) => (c.kind === 'category' ? Array.from(c.codes, (code, i) => (code === categoryCodes.notInDictionary ? c.overflow[i] ?? null : null)) : [])),
    });
  }
  startColumnHistogramPass(builder);
  for (const s of spilled) {
    specs.forEach((_, feature) => {
      recordHistogramColumn(builder, { feature, values: s.values[feature] ?? new Float64Array(0), rows: s.rows, count: s.count });
      recordOverflowColumn(builder, { feature, strings: s.strings[feature] ?? [], rows: s.rows, count: s.count });
    });
  }
  return JSON.stringify(toColumnReferenceProfile(builder));
}

/** The profile JSON, or the error code when building throws (both builders must agree either way). */
function outcome(build: () => string): string {
  try {
    return build();
  } catch (error) {
    return `error ${isStatsError(error) ? error.code : String(error)}`;
  }
}

describe('column profile builder', () => {
  it.prop([fc.array(rowArb, { maxLength: 160 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })])(
    'builds the same profile, to the byte, as the row-based builder (batches, slices, full dictionaries, top-K reductions)',
    (rows, batch, dictionaryCapacity, topK, every) => {
      const options = { bins: 5, topK };
      const keep = (i: number): boolean => i % every === 0;
      const expected = outcome(() => rowBased(rows.filter((_, i) => keep(i)), options));
      expect(outcome(() => columnBased(rows, { ...options, batch, dictionaryCapacity, keep }))).toBe(expected);
    },
  );

  it('builds the same profile on a larger sample with many distinct values', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      age: (i * 7919) % 61, income: Math.exp((i % 97) / 9), salary: i, status: ['a', 'b', 'c', 'z'][i % 4],
      city: `c${(i * i) % 700}`, flag: i % 3 === 0, email: `p${i}@example.com`, code: i % 5 === 0 ? 'x' : 'w',
    }));
    const options = { bins: 20, topK: 50 };
    expect(columnBased(rows, { ...options, batch: 512, dictionaryCapacity: 300, keep: () => true })).toBe(rowBased(rows, options));
  });

  it('refuses a column of the wrong type and a second dictionary for the same feature', () => {
    const builder = createColumnProfileBuilder([{ name: 'x', type: 'numeric' }]);
    const wrong = createCategoryColumn({ capacity: 1, dictionary: createCategoryDictionary(), valueType: 'string', keepOverflow: true });
    expectStatsError(() => { recordProfileColumns(builder, { columns: [wrong], rows: Int32Array.of(0), count: 1 }); }, 'DL_STATS_INVALID_ARGUMENT');
    const cats = createColumnProfileBuilder([{ name: 'c', type: 'categorical' }]);
    const first = createCategoryColumn({ capacity: 1, dictionary: createCategoryDictionary(), valueType: 'string', keepOverflow: true });
    const second = createCategoryColumn({ capacity: 1, dictionary: createCategoryDictionary(), valueType: 'string', keepOverflow: true });
    recordProfileColumns(cats, { columns: [first], rows: Int32Array.of(0), count: 1 });
    expectStatsError(() => { recordProfileColumns(cats, { columns: [second], rows: Int32Array.of(0), count: 1 }); }, 'DL_STATS_INVALID_ARGUMENT');
  });
});
