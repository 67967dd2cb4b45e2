// The reference profiles of one data set (overall, per slice, prediction) built from row batches
// with @driftline/stats' column builder: the same profiles as `profile-set.ts` builds from rows.
// Pass 1 records each batch and says what to spill (numeric values, slice codes, prediction flags,
// strings outside full dictionaries); pass 2 replays the spilled batches into the histograms.
import {
  categoryCodes, createColumnProfileBuilder, recordHistogramColumn, recordOverflowColumn, recordProfileColumns, startColumnHistogramPass,
  toColumnReferenceProfile,
} from '@driftline/stats';
import type { ColumnProfileBuilder, FeatureSpec, NumericColumn, ProfileColumn, ProfileOptions, ReferenceProfile } from '@driftline/stats';
import type { MonitorSpecDocument } from '@driftline/schemas';
import type { SpillBatch } from '../input/column-spill.ts';
import type { RowBatch } from '../input/row-batch.ts';
import { toFeatureSpec, toPredictionSpecs } from './feature-specs.ts';
import type { ProfileSetResult } from './profile-set.ts';
import { createBehaviourRecorder, recordBehaviourBatch, toReferenceBehaviours } from './reference-behaviour.ts';
import type { BehaviourRecorder } from './reference-behaviour.ts';
import { createSliceAssigner, toSliceId } from './slice-assigner.ts';
import type { SliceAssigner } from './slice-assigner.ts';

export interface BatchProfileSet {
  readonly specs: readonly FeatureSpec[];
  readonly predictionSpecs: readonly FeatureSpec[];
  readonly options: ProfileOptions;
  readonly assigner: SliceAssigner;
  readonly overall: ColumnProfileBuilder;
  readonly prediction: ColumnProfileBuilder;
  /** Outcomes and feature–score co-moments, recorded in pass 1. */
  readonly behaviour: BehaviourRecorder;
  /** Slice builders by slice code, and their ids. */
  readonly slices: ColumnProfileBuilder[];
  readonly sliceIds: string[];
  readonly codes: Map<string, number>;
  /** Per slice key: slice code by value (bounded). */
  readonly valueCodes: Map<string, number>[];
  /** Scratch row lists (per slice code, and for rows with a prediction). */
  readonly sliceRows: Int32Array[];
  readonly sliceCounts: number[];
  readonly identity: Int32Array;
  readonly predictionRows: Int32Array;
}

export function createBatchProfileSet(spec: MonitorSpecDocument, options: ProfileOptions & { readonly batchCapacity: number }): BatchProfileSet {
  const specs = spec.features.map(toFeatureSpec);
  const predictionSpecs = toPredictionSpecs(spec);
  const profileOptions: ProfileOptions = { ...options };
  return {
    specs, predictionSpecs, options: profileOptions,
    assigner: createSliceAssigner(spec.slices.keys, spec.slices.maxValuesPerKey),
    overall: createColumnProfileBuilder(specs, profileOptions),
    prediction: createColumnProfileBuilder(predictionSpecs, profileOptions),
    behaviour: createBehaviourRecorder(spec),
    slices: [], sliceIds: [], codes: new Map(), valueCodes: spec.slices.keys.map(() => new Map<string, number>()), sliceRows: [], sliceCounts: [],
    identity: Int32Array.from({ length: options.batchCapacity }, (_, i) => i),
    predictionRows: new Int32Array(options.batchCapacity),
  };
}

const valueCodeCacheSize = 4096;

/** The slice code of `value` for slice key number `key` (a new slice gets a builder), or -1. */
export function toSliceCode(set: BatchProfileSet, key: number, value: string): number {
  // A value keeps its slice once seen (admitted, or `__other__` once the key is full), so cache it.
  const cached = set.valueCodes[key]?.get(value);
  if (cached !== undefined) return cached;
  const code = toNewSliceCode(set, key, value);
  if ((set.valueCodes[key]?.size ?? Infinity) < valueCodeCacheSize) set.valueCodes[key]?.set(value, code);
  return code;
}

function toNewSliceCode(set: BatchProfileSet, key: number, value: string): number {
  const name = set.assigner.keys[key];
  const id = name === undefined ? undefined : toSliceId(set.assigner, name, value);
  if (id === undefined) return -1;
  const known = set.codes.get(id);
  if (known !== undefined) return known;
  const code = set.slices.length;
  set.codes.set(id, code);
  set.sliceIds.push(id);
  set.slices.push(createColumnProfileBuilder(set.specs, set.options));
  set.sliceRows.push(new Int32Array(set.identity.length));
  set.sliceCounts.push(0);
  return code;
}

/** A builder and the rows of the current batch it takes (valid until the next batch). */
interface Selection {
  readonly builder: ColumnProfileBuilder;
  readonly code: number;
  readonly rows: Int32Array;
  readonly count: number;
}

/** Each slice builder with its rows of the batch (row order; a row once per slice key). */
function toSliceSelections(set: BatchProfileSet, codes: readonly Int32Array[], size: number): Selection[] {
  const { sliceRows, sliceCounts } = set;
  for (let r = 0; r < size; r += 1) {
    for (const keyCodes of codes) {
      const code = keyCodes[r] ?? -1;
      const rows = sliceRows[code];
      if (rows === undefined) continue;
      const n = sliceCounts[code] ?? 0;
      rows[n] = r;
      sliceCounts[code] = n + 1;
    }
  }
  const out: Selection[] = [];
  set.slices.forEach((builder, code) => {
    const count = sliceCounts[code] ?? 0;
    const rows = sliceRows[code];
    if (count > 0 && rows !== undefined) out.push({ builder, code, rows, count });
    sliceCounts[code] = 0;
  });
  return out;
}

/** Rows of the batch that carry a prediction, into `set.predictionRows`; their number. */
function toPredictionRows(set: BatchProfileSet, hasPrediction: Uint8Array, size: number): number {
  let n = 0;
  for (let r = 0; r < size; r += 1) if (hasPrediction[r] === 1) set.predictionRows[n++] = r;
  return n;
}

/** Pass 1: records one batch (overall, each slice, prediction). */
export function recordProfileSetBatch(set: BatchProfileSet, batch: RowBatch): void {
  recordProfileColumns(set.overall, { columns: batch.features, rows: set.identity, count: batch.size });
  const slices = toSliceSelections(set, batch.sliceCodes, batch.size);
  for (const s of slices) recordProfileColumns(s.builder, { columns: batch.features, rows: s.rows, count: s.count });
  const count = toPredictionRows(set, batch.hasPrediction, batch.size);
  if (count > 0) recordProfileColumns(set.prediction, { columns: batch.prediction, rows: set.predictionRows, count });
  recordBehaviourBatch(set.behaviour, {
    size: batch.size, scores: numericValues(set.predictionSpecs, batch.prediction, 'score'),
    numeric: set.behaviour.numeric.map((name) => numericValues(set.specs, batch.features, name)),
    outcomes: batch.outcomes, slices: slices.map((s) => ({ id: set.sliceIds[s.code] ?? '', rows: s.rows, count: s.count })),
  });
}

/** The values of the numeric column of `name` (none, i.e. read as NaN, if there is no such column). */
function numericValues(specs: readonly FeatureSpec[], columns: readonly ProfileColumn[], name: string): Float64Array {
  const column = columns[specs.findIndex((s) => s.name === name)];
  return column?.kind === 'numeric' ? column.values : new Float64Array(0);
}

/** The numeric columns pass 2 needs: features that are profiled, then the prediction score. */
function histogramColumns(set: BatchProfileSet, batch: RowBatch): { builder: 'features' | 'prediction'; feature: number; column: NumericColumn }[] {
  const pick = (builder: 'features' | 'prediction', specs: readonly FeatureSpec[], columns: readonly ProfileColumn[]) =>
    specs.flatMap((spec, feature) => {
      const column = columns[feature];
      return spec.type === 'numeric' && spec.pii !== true && column?.kind === 'numeric' ? [{ builder, feature, column }] : [];
    });
  return [...pick('features', set.specs, batch.features), ...pick('prediction', set.predictionSpecs, batch.prediction)];
}

/** What pass 2 needs of `batch`, as arrays of the batch itself (so pass 2 can read back into them). */
export function toSpillBatch(set: BatchProfileSet, batch: RowBatch): SpillBatch {
  const strings: SpillBatch['strings'] = [];
  [...batch.features, ...batch.prediction].forEach((column, id) => {
    if (column.kind !== 'category' || !column.keepOverflow) return;
    const codes = column.codes.subarray(0, batch.size);
    if (!codes.includes(categoryCodes.notInDictionary)) return;
    strings.push({ id, values: Array.from(codes, (code, r) => (code === categoryCodes.notInDictionary ? column.overflow[r] ?? null : null)) });
  });
  return {
    size: batch.size,
    float64: histogramColumns(set, batch).map((h) => h.column.values),
    int32: batch.sliceCodes,
    uint8: [batch.hasPrediction],
    strings,
  };
}

/** Ends pass 1 everywhere: histogram edges and vocabularies are fixed; slice values are frozen. */
export function startBatchProfileSetPass2(set: BatchProfileSet): void {
  set.assigner.frozen = true;
  startColumnHistogramPass(set.overall);
  for (const builder of set.slices) startColumnHistogramPass(builder);
  startColumnHistogramPass(set.prediction);
}

/** Pass 2: one spilled batch (read back into the arrays `toSpillBatch` named for `batch`). */
export function recordProfileSetSpill(set: BatchProfileSet, batch: RowBatch, spilled: SpillBatch): void {
  const size = spilled.size;
  const predictionCount = toPredictionRows(set, batch.hasPrediction, size);
  const groups: Record<'features' | 'prediction', Selection[]> = {
    features: [{ builder: set.overall, code: -1, rows: set.identity, count: size }, ...toSliceSelections(set, batch.sliceCodes, size)],
    prediction: predictionCount > 0 ? [{ builder: set.prediction, code: -1, rows: set.predictionRows, count: predictionCount }] : [],
  };
  for (const h of histogramColumns(set, batch)) {
    for (const s of groups[h.builder]) recordHistogramColumn(s.builder, { feature: h.feature, values: h.column.values, rows: s.rows, count: s.count });
  }
  const features = set.specs.length;
  for (const section of spilled.strings) {
    const prediction = section.id >= features;
    const feature = prediction ? section.id - features : section.id;
    for (const s of groups[prediction ? 'prediction' : 'features']) recordOverflowColumn(s.builder, { feature, strings: section.values, rows: s.rows, count: s.count });
  }
}

export function toBatchProfileSetResult(set: BatchProfileSet): ProfileSetResult {
  const slices: Record<string, ReferenceProfile> = {};
  const order = set.sliceIds.map((id, code) => ({ id, code })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const { id, code } of order) {
    const builder = set.slices[code];
    if (builder !== undefined) slices[id] = toColumnReferenceProfile(builder);
  }
  return {
    overall: toColumnReferenceProfile(set.overall),
    slices,
    prediction: set.prediction.base.rows === 0 ? undefined : toColumnReferenceProfile(set.prediction),
    behaviour: toReferenceBehaviours(set.behaviour),
  };
}
