// What the fast CSV reader does with each header column, decided once from the header: plain
// numbers into numeric columns, booleans into a boolean column, text through a byte table into a
// dictionary (and a slice code), anything else the general way (decode, type, write).
import { createCategoryDictionary } from '@driftline/stats';
import type { CategoryColumn, CategoryDictionary, NumericColumn, ProfileColumn } from '@driftline/stats';
import { addBytes, createByteTable, hashBytes } from './byte-table.ts';
import type { ByteTable } from './byte-table.ts';
import type { CsvColumnType } from './parse-csv.ts';
import type { RowBatch } from './row-batch.ts';

export interface NumberCell { readonly index: number; readonly targets: readonly NumericColumn[] }
export interface BooleanCell { readonly index: number; readonly target: CategoryColumn }
export interface TextCell {
  readonly index: number;
  /** The categorical feature or prediction label written, if any. */
  readonly target: CategoryColumn | undefined;
  readonly dictionary: CategoryDictionary;
  readonly table: ByteTable;
  /** Slice key index, or -1. */
  readonly slice: number;
  /** Slice code per dictionary id (-2: not asked yet). */
  sliceCodes: Int32Array;
}
export interface GenericCell {
  readonly index: number;
  readonly type: CsvColumnType;
  /** Feature and prediction-score columns written with the typed value. */
  readonly columns: readonly ProfileColumn[];
  readonly label: ProfileColumn | undefined;
  readonly slices: readonly number[];
}

/** What the line scanner does with each field while it looks for commas. */
export const scanKinds = { skip: 0, decimal: 1, hashed: 2 } as const;

export interface CsvPlan {
  readonly fields: number;
  /** Per header column: a {@link scanKinds} value. */
  readonly scan: Uint8Array;
  /** Per header column, filled by the scanner: the plain decimal (NaN if not one), the byte hash. */
  readonly decimals: Float64Array;
  readonly hashes: Int32Array;
  readonly numbers: readonly NumberCell[];
  readonly booleans: readonly BooleanCell[];
  readonly texts: readonly TextCell[];
  readonly generics: readonly GenericCell[];
  /** Header index of the prediction score and label columns (-1 when absent). */
  readonly score: number;
  readonly label: number;
  /**
   * When the header has `actual_label` or `actual_value`: the columns a labelled outcome is made
   * of (those two and the prediction's), typed; undefined otherwise.
   */
  readonly outcome: readonly { readonly index: number; readonly name: string; readonly type: CsvColumnType }[] | undefined;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** A byte table holding the dictionary's strings so far. */
function toByteTable(dictionary: CategoryDictionary): ByteTable {
  const table = createByteTable();
  dictionary.values.forEach((value, id) => {
    const bytes = Buffer.from(value, 'utf8');
    addBytes(table, bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length), id);
  });
  return table;
}

function predictionColumn(batch: RowBatch, name: string): ProfileColumn | undefined {
  const i = batch.predictionSpecs.findIndex((s) => s.name === name);
  return i < 0 ? undefined : batch.prediction[i];
}

interface Targets {
  readonly feature: ProfileColumn | undefined;
  readonly score: ProfileColumn | undefined;
  readonly label: ProfileColumn | undefined;
  readonly slices: readonly number[];
}

function addCell(plan: { numbers: NumberCell[]; booleans: BooleanCell[]; texts: TextCell[]; generics: GenericCell[] }, index: number, type: CsvColumnType, t: Targets): void {
  const written = [t.feature, t.score].filter((c) => c !== undefined);
  if (type === 'numeric' && t.label === undefined && t.slices.length === 0 && written.every((c) => c.kind === 'numeric')) {
    plan.numbers.push({ index, targets: written });
    return;
  }
  const f = t.feature;
  if (type === 'boolean' && f?.kind === 'category' && f.valueType === 'boolean' && t.score === undefined && t.label === undefined && t.slices.length === 0) {
    plan.booleans.push({ index, target: f });
    return;
  }
  const categories = [t.feature, t.label].filter((c) => c !== undefined);
  const target = categories[0];
  const textual = type === 'categorical' || type === 'text';
  const fits = target === undefined || (categories.length === 1 && target.kind === 'category' && target.valueType === 'string' && (t.slices.length === 0 || target.keepOverflow));
  if (textual && t.score === undefined && t.slices.length <= 1 && fits && (target === undefined || target.kind === 'category')) {
    const dictionary = target?.dictionary ?? createCategoryDictionary();
    plan.texts.push({ index, target, dictionary, table: toByteTable(dictionary), slice: t.slices[0] ?? -1, sliceCodes: new Int32Array(0) });
    return;
  }
  plan.generics.push({ index, type, columns: written, label: t.label, slices: t.slices });
}

/** The plan for `header` (typed by `types`) filling `batch`; columns nobody reads are skipped. */
export function toCsvPlan(header: readonly string[], types: readonly CsvColumnType[], batch: RowBatch): CsvPlan {
  const last = new Map<string, number>();
  header.forEach((name, i) => last.set(name, i));
  const plan = { numbers: [] as NumberCell[], booleans: [] as BooleanCell[], texts: [] as TextCell[], generics: [] as GenericCell[] };
  for (const [name, index] of last) {
    const feature = batch.features[batch.specs.findIndex((s) => s.name === name)];
    const targets: Targets = {
      feature,
      score: name === 'prediction_score' ? predictionColumn(batch, 'score') : undefined,
      label: name === 'prediction_label' ? predictionColumn(batch, 'label') : undefined,
      slices: batch.sliceKeys.flatMap((key, k) => (key === name ? [k] : [])),
    };
    if (targets.feature === undefined && targets.score === undefined && targets.label === undefined && targets.slices.length === 0) continue;
    addCell(plan, index, types[index] ?? 'text', targets);
  }
  const outcome = ['prediction_score', 'prediction_label', 'actual_label', 'actual_value'].flatMap((name) => {
    const index = last.get(name);
    return index === undefined ? [] : [{ index, name, type: types[index] ?? 'text' }];
  });
  const scan = new Uint8Array(header.length);
  for (const c of plan.numbers) scan[c.index] = scanKinds.decimal;
  for (const c of plan.texts) scan[c.index] = scanKinds.hashed;
  return {
    ...plan, fields: header.length, scan, decimals: new Float64Array(header.length), hashes: new Int32Array(header.length),
    score: last.get('prediction_score') ?? -1, label: last.get('prediction_label') ?? -1,
    outcome: last.has('actual_label') || last.has('actual_value') ? outcome : undefined,
    starts: new Int32Array(header.length), ends: new Int32Array(header.length),
  };
}
