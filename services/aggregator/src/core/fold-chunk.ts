// Folds one chunk of a partition's records into packed per-window statistics (the aggregator's hot
// path). Each record is folded into the windows of its slices (overall and one per slice key): the
// histogram cell, sketch bucket and quality verdict of each value are computed once and added to
// each of them. Pure: the partition's event-time watermark comes in and goes out, so a replay from
// the stored watermark makes the same late/on-time decisions whatever the chunking.
import type { Outcome, PredictionLog } from '@driftline/schemas';
import { OTHER, OVERALL, toSliceId, toWindowStart } from './keys.ts';
import type { ModelContext } from './model-context.ts';
import { addPackedWindow, createPackedWindow, increment } from './packed-window.ts';
import type { PackedWindow } from './packed-window.ts';
import { CALIBRATION_BINS } from './window-accumulator.ts';
import { W } from './window-layout.ts';
import { aggregatorReasons } from './reasons.ts';
import type { AggregatorReason } from './reasons.ts';

export type FoldRecord<M> =
  | { readonly kind: 'prediction'; readonly message: M; readonly value: PredictionLog }
  | { readonly kind: 'outcome'; readonly message: M; readonly value: Outcome };

export interface FoldOptions {
  readonly contexts: (modelId: string) => ModelContext | undefined;
  /** Whether a slice value is within the model's cardinality cap (decided before the fold). */
  readonly sliceAdmitted: (modelId: string, sliceKey: string, value: string) => boolean;
  /** Largest event time seen so far on this topic-partition (-Infinity when none). */
  readonly eventWatermark: number;
  /** How late an outcome (windowed by its prediction's time) may arrive. */
  readonly outcomeGraceMs: number;
}

export interface FoldResult<M> {
  /** One entry per (model, version, slice, window) touched, in order of first use. */
  readonly windows: Map<string, PackedWindow>;
  readonly invalid: { readonly message: M; readonly reason: AggregatorReason; readonly detail: string }[];
  readonly eventWatermark: number;
  readonly unmonitored: number;
  readonly late: number;
  /** Slice memberships sent to __other__ by the cardinality cap. */
  readonly sliceOverflow: number;
}

/** The raw slice value of a record for one slice key (from its slice map, else the feature of that name). */
export function toSliceValue(record: { slice: Record<string, string>; features: Record<string, unknown> }, key: string): string | undefined {
  const raw = record.slice[key] ?? record.features[key];
  return typeof raw === 'string' ? raw : typeof raw === 'boolean' ? String(raw) : undefined;
}

/**
 * Records of one window with the same slice values share a cell: they are folded once into the
 * cell, which is added to each of its windows (overall and one per slice key) after the chunk. Past
 * MAX_CELLS cells in a chunk (many slice-value combinations), records go to their windows directly.
 * Cells are found through a trie of raw slice values (one level per slice key), whose nodes hold
 * the cap's decision, so a value's admission is asked once per chunk and window, not per record.
 */
interface Cell { readonly acc: PackedWindow | undefined; readonly windows: readonly PackedWindow[]; readonly targets: readonly PackedWindow[] }
interface CellNode {
  readonly next: Map<string, CellNode>;
  /** The slice value the records take (the raw value, or __other__ over the cap); undefined: none. */
  readonly value: string | undefined;
  readonly overflow: number;
  cell: Cell | undefined;
}
const MAX_CELLS = 256;
const NO_VALUE = '\u0000';
const createNode = (value: string | undefined, overflow: number): CellNode => ({ next: new Map(), value, overflow, cell: undefined });

/** A window start of one model version: its windows (overall, per slice key by value) and cells. */
interface WindowGroup { readonly overall: PackedWindow; readonly byKey: Map<string, PackedWindow>[]; readonly cells: CellNode }

/**
 * The fold of one chunk in progress: `createFold`, then `foldRecord` for each record (decoded just
 * before, so that decoded records die young), then `finishFold`. The per-record work is in
 * module-level functions taking this state (not closures created per chunk), so V8 optimizes them
 * once for every chunk.
 */
export interface Fold<M> {
  readonly options: FoldOptions;
  readonly windows: Map<string, PackedWindow>;
  readonly groups: Map<ModelContext, Map<string, Map<number, WindowGroup>>>;
  readonly cells: Cell[];
  readonly invalid: FoldResult<M>['invalid'];
  watermark: number;
  unmonitored: number;
  late: number;
  sliceOverflow: number;
  /** The model of the previous record and its context (one lookup per run of a model's records). */
  modelId: string | undefined;
  ctx: ModelContext | undefined;
  /** The group of the previous record (records mostly come in window order). */
  last: { readonly ctx: ModelContext; readonly version: string; readonly start: number; readonly group: WindowGroup } | undefined;
}

export function createFold<M>(options: FoldOptions): Fold<M> {
  return {
    options, windows: new Map(), groups: new Map(), cells: [], invalid: [],
    watermark: options.eventWatermark, unmonitored: 0, late: 0, sliceOverflow: 0, modelId: undefined, ctx: undefined, last: undefined,
  };
}

/** Adds each cell into its windows; the fold must not be used afterwards. */
export function finishFold<M>(st: Fold<M>): FoldResult<M> {
  for (const { acc, windows } of st.cells) if (acc !== undefined) for (const w of windows) addPackedWindow(w, acc);
  return { windows: st.windows, invalid: st.invalid, eventWatermark: st.watermark, unmonitored: st.unmonitored, late: st.late, sliceOverflow: st.sliceOverflow };
}

export function foldChunk<M>(records: readonly FoldRecord<M>[], options: FoldOptions): FoldResult<M> {
  const st = createFold<M>(options);
  for (const record of records) foldRecord(st, record);
  return finishFold(st);
}

export function foldRecord<M>(st: Fold<M>, record: FoldRecord<M>): void {
  const value = record.value;
  if (value.modelId !== st.modelId) { st.modelId = value.modelId; st.ctx = st.options.contexts(value.modelId); }
  const ctx = st.ctx;
  if (ctx === undefined) { st.unmonitored++; return; }
  const ts = record.kind === 'prediction' ? record.value.timestamp : record.value.predictionTimestamp;
  if (!Number.isFinite(ts) || ts <= 0) {
    st.invalid.push({ message: record.message, reason: aggregatorReasons.INVALID_TIMESTAMP, detail: `event time ${ts} is not a positive epoch-millisecond time` });
    return;
  }
  if (record.kind === 'prediction' && !hasPrediction(ctx, record.value)) {
    st.invalid.push({ message: record.message, reason: aggregatorReasons.MISSING_PREDICTION, detail: `a ${ctx.spec.prediction.type} model needs ${ctx.spec.prediction.type === 'regression' ? 'prediction.score' : 'prediction.label or prediction.score'}` });
    return;
  }
  const size = ctx.spec.windows.size;
  const start = toWindowStart(ts, size);
  const grace = record.kind === 'prediction' ? ctx.spec.windows.grace : st.options.outcomeGraceMs;
  const isLate = st.watermark >= start + size + grace;
  if (ts > st.watermark) st.watermark = ts;
  if (isLate) st.late++;

  const group = groupOf(st, ctx, value.modelVersion, start);
  let node = group.cells;
  for (const key of ctx.spec.slices.keys) {
    const raw = toSliceValue(value, key) ?? NO_VALUE;
    let child = node.next.get(raw);
    if (child === undefined) {
      const admitted = raw === NO_VALUE || st.options.sliceAdmitted(value.modelId, key, raw);
      child = createNode(raw === NO_VALUE ? undefined : admitted ? raw : OTHER, admitted ? 0 : 1);
      node.next.set(raw, child);
    }
    st.sliceOverflow += child.overflow;
    node = child;
  }
  const cell = node.cell ?? cellOf(st, ctx, group, value);
  for (const w of cell.targets) {
    const lateAt = record.kind === 'prediction' ? W.late : W.outcomesLate;
    if (isLate) w.sums[lateAt] = (w.sums[lateAt] ?? 0) + 1;
    else if (record.kind === 'prediction') foldPrediction(w, ctx, record.value);
    else foldOutcome(w, ctx, record.value);
  }
}

function windowOf<M>(st: Fold<M>, ctx: ModelContext, id: { version: string; start: number; slice: string }): PackedWindow {
  const w = createPackedWindow({ modelId: ctx.modelId, version: id.version, slice: id.slice, sizeMs: ctx.spec.windows.size, start: id.start }, ctx.layout);
  st.windows.set(`${ctx.modelId}\u0000${id.version}\u0000${id.slice}\u0000${id.start}`, w);
  return w;
}

function groupOf<M>(st: Fold<M>, ctx: ModelContext, version: string, start: number): WindowGroup {
  const last = st.last;
  if (last !== undefined && last.ctx === ctx && last.start === start && last.version === version) return last.group;
  let byVersion = st.groups.get(ctx);
  if (byVersion === undefined) { byVersion = new Map(); st.groups.set(ctx, byVersion); }
  let byStart = byVersion.get(version);
  if (byStart === undefined) { byStart = new Map(); byVersion.set(version, byStart); }
  let group = byStart.get(start);
  if (group === undefined) {
    group = { overall: windowOf(st, ctx, { version, start, slice: OVERALL }), byKey: ctx.spec.slices.keys.map(() => new Map<string, PackedWindow>()), cells: createNode(undefined, 0) };
    byStart.set(start, group);
  }
  st.last = { ctx, version, start, group };
  return group;
}

/** The new cell of a record's slice values (its trie path, one node per slice key, exists). */
function cellOf<M>(st: Fold<M>, ctx: ModelContext, group: WindowGroup, record: { slice: Record<string, string>; features: Record<string, unknown> }): Cell {
  const { version, start } = group.overall.id;
  const windows = [group.overall];
  let leaf = group.cells;
  ctx.spec.slices.keys.forEach((key, k) => {
    const node = leaf.next.get(toSliceValue(record, key) ?? NO_VALUE);
    if (node === undefined) throw new Error('cellOf: the record\'s trie path is incomplete');
    leaf = node;
    const byValue = group.byKey[k];
    if (node.value === undefined || byValue === undefined) return;
    let w = byValue.get(node.value);
    if (w === undefined) { w = windowOf(st, ctx, { version, start, slice: toSliceId(key, node.value) }); byValue.set(node.value, w); }
    windows.push(w);
  });
  const acc = st.cells.length < MAX_CELLS ? createPackedWindow(group.overall.id, ctx.layout) : undefined;
  const cell = { acc, windows, targets: acc === undefined ? windows : [acc] };
  leaf.cell = cell;
  st.cells.push(cell);
  return cell;
}

function hasPrediction(ctx: ModelContext, value: PredictionLog): boolean {
  const { label, score } = value.prediction;
  return ctx.spec.prediction.type === 'regression' ? score !== null : label !== null || score !== null;
}

/** A label bounded to the spec's labels when it declares them. */
function boundedLabel(ctx: ModelContext, label: string): string {
  return ctx.labels.length === 0 || ctx.labels.includes(label) ? label : OTHER;
}

/** The predicted class: the label when given, else for binary models the score against the threshold. */
function predictedClass(ctx: ModelContext, prediction: PredictionLog['prediction']): string | undefined {
  if (prediction.label !== null) return boundedLabel(ctx, prediction.label);
  const p = ctx.spec.prediction;
  if (p.type !== 'binary' || prediction.score === null || p.positiveLabel === undefined) return undefined;
  return prediction.score >= p.scoreThreshold ? p.positiveLabel : ctx.negativeLabel;
}

function foldPrediction(w: PackedWindow, ctx: ModelContext, value: PredictionLog): void {
  const s = w.sums;
  s[W.records] = (s[W.records] ?? 0) + 1;
  const rawScore = value.prediction.score;
  ctx.foldFeatures(w, value.features, rawScore !== null && Number.isFinite(rawScore) ? rawScore : Number.NaN);
  const label = predictedClass(ctx, value.prediction);
  if (label !== undefined) increment(w.predictedLabels, label);
}

function foldOutcome(w: PackedWindow, ctx: ModelContext, value: Outcome): void {
  const s = w.sums;
  s[W.outcomes] = (s[W.outcomes] ?? 0) + 1;
  const p = ctx.spec.prediction;
  if (p.type === 'regression') {
    if (value.value === null || value.prediction.score === null) return;
    const err = value.prediction.score - value.value;
    s[W.errorN] = (s[W.errorN] ?? 0) + 1; s[W.errorSum] = (s[W.errorSum] ?? 0) + err;
    s[W.errorSumSq] = (s[W.errorSumSq] ?? 0) + err * err; s[W.errorSumAbs] = (s[W.errorSumAbs] ?? 0) + Math.abs(err);
    return;
  }
  if (value.label === null) return;
  const actual = boundedLabel(ctx, value.label);
  increment(w.labels, actual);
  const predicted = predictedClass(ctx, value.prediction);
  if (predicted !== undefined) increment(w.confusion, `${predicted}|${actual}`);
  const score = value.prediction.score;
  if (p.type === 'binary' && p.positiveLabel !== undefined && score !== null && score >= 0 && score <= 1) {
    const bin = Math.min(CALIBRATION_BINS - 1, Math.floor(score * CALIBRATION_BINS));
    s[W.calibrationN + bin] = (s[W.calibrationN + bin] ?? 0) + 1;
    s[W.calibrationScore + bin] = (s[W.calibrationScore + bin] ?? 0) + score;
    s[W.calibrationPositive + bin] = (s[W.calibrationPositive + bin] ?? 0) + (value.label === p.positiveLabel ? 1 : 0);
  }
}
