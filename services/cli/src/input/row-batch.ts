// A batch of input rows as typed columns (one per feature and prediction pseudo-feature) plus the
// slice code of each row per slice key: what the column profile builder reads. Readers fill it
// row by row (`appendInputRow`) or, for CSV, straight from the bytes.
import {
  clearProfileColumn, createBooleanDictionary, createCategoryColumn, createCategoryDictionary, createNumericColumn, defaultDictionaryCapacity,
  writeColumnValue,
} from '@driftline/stats';
import type { FeatureSpec, OutcomeValues, ProfileColumn } from '@driftline/stats';
import { toLabelValue } from '../report/profile-set.ts';
import { toSliceValue } from '../report/slice-assigner.ts';
import type { InputRow } from './input-row.ts';

export interface RowBatch {
  readonly capacity: number;
  /** Rows filled so far. */
  size: number;
  readonly specs: readonly FeatureSpec[];
  /** One column per feature of `specs`, in order. */
  readonly features: readonly ProfileColumn[];
  readonly predictionSpecs: readonly FeatureSpec[];
  /** The prediction pseudo-features (`score`, and `label` for classifiers), in order. */
  readonly prediction: readonly ProfileColumn[];
  /** 1 when the row carries a prediction (score and/or label). */
  readonly hasPrediction: Uint8Array;
  readonly sliceKeys: readonly string[];
  /** Per slice key: the code `toSliceCode` gave the row's value, or -1 when it has none. */
  readonly sliceCodes: readonly Int32Array[];
  readonly toSliceCode: (key: number, value: string) => number;
  /** The labelled outcome of each row (undefined when it carries no actual label or value). */
  readonly outcomes: (OutcomeValues | undefined)[];
  readonly toOutcome: (row: InputRow) => OutcomeValues | undefined;
}

/** The column of one feature: numbers, booleans, or strings over a bounded dictionary (lookup-only for personal data). */
function createFeatureColumn(spec: FeatureSpec, options: { readonly capacity: number; readonly dictionaryCapacity: number }): ProfileColumn {
  const { capacity } = options;
  if (spec.type === 'numeric') return createNumericColumn(capacity);
  if (spec.type === 'boolean') return createCategoryColumn({ capacity, dictionary: createBooleanDictionary(), valueType: 'boolean', keepOverflow: false });
  const initial = spec.categories ?? [];
  const pii = spec.pii === true;
  const dictionary = createCategoryDictionary({ initial, capacity: pii ? initial.length : Math.max(initial.length, options.dictionaryCapacity) });
  return createCategoryColumn({ capacity, dictionary, valueType: 'string', keepOverflow: !pii });
}

export function createRowBatch(options: {
  readonly specs: readonly FeatureSpec[];
  readonly predictionSpecs: readonly FeatureSpec[];
  readonly sliceKeys: readonly string[];
  readonly capacity: number;
  readonly toSliceCode: (key: number, value: string) => number;
  readonly toOutcome: (row: InputRow) => OutcomeValues | undefined;
  /** Distinct strings kept per categorical column (default 65,536); more are handled one by one. */
  readonly dictionaryCapacity?: number;
}): RowBatch {
  const sizes = { capacity: options.capacity, dictionaryCapacity: options.dictionaryCapacity ?? defaultDictionaryCapacity };
  return {
    capacity: options.capacity, size: 0,
    specs: options.specs, features: options.specs.map((s) => createFeatureColumn(s, sizes)),
    predictionSpecs: options.predictionSpecs, prediction: options.predictionSpecs.map((s) => createFeatureColumn(s, sizes)),
    hasPrediction: new Uint8Array(options.capacity),
    sliceKeys: options.sliceKeys, sliceCodes: options.sliceKeys.map(() => new Int32Array(options.capacity).fill(-1)),
    toSliceCode: options.toSliceCode, outcomes: [], toOutcome: options.toOutcome,
  };
}

/** Empties the batch (every value missing, no slice, no prediction). */
export function clearRowBatch(batch: RowBatch): void {
  batch.size = 0;
  for (const c of batch.features) clearProfileColumn(c);
  for (const c of batch.prediction) clearProfileColumn(c);
  batch.hasPrediction.fill(0);
  for (const codes of batch.sliceCodes) codes.fill(-1);
  batch.outcomes.length = 0;
}

/** Writes `row` into the next slot (the caller counts it in `size`). */
export function appendInputRow(batch: RowBatch, row: InputRow): void {
  const r = batch.size;
  batch.specs.forEach((spec, i) => {
    const column = batch.features[i];
    if (column !== undefined) writeColumnValue(column, r, row.features[spec.name]);
  });
  batch.sliceKeys.forEach((key, k) => {
    const value = toSliceValue(row, key);
    const codes = batch.sliceCodes[k];
    if (codes !== undefined) codes[r] = value === undefined ? -1 : batch.toSliceCode(k, value);
  });
  batch.outcomes[r] = batch.toOutcome(row);
  const p = row.prediction;
  batch.hasPrediction[r] = p === undefined ? 0 : 1;
  batch.predictionSpecs.forEach((spec, i) => {
    const column = batch.prediction[i];
    if (column !== undefined) writeColumnValue(column, r, spec.name === 'score' ? p?.score : toLabelValue(p?.label));
  });
}

/** Counts the row just written; hands a full batch to `onBatch` and empties it. */
export function commitRow(batch: RowBatch, onBatch: (batch: RowBatch) => void): void {
  batch.size += 1;
  if (batch.size === batch.capacity) flushRowBatch(batch, onBatch);
}

/** Hands a non-empty batch to `onBatch` and empties it. */
export function flushRowBatch(batch: RowBatch, onBatch: (batch: RowBatch) => void): void {
  if (batch.size === 0) return;
  onBatch(batch);
  clearRowBatch(batch);
}
