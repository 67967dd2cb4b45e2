// Folds one chunk of a partition's records into per-window accumulators (the aggregator's hot path).
// Pure: the partition's event-time watermark comes in and goes out, so a replay from the stored
// watermark makes the same late/on-time decisions whatever the chunking.
import type { Outcome, PredictionLog } from '@driftline/schemas';
import { recordNumericFeature, recordQuality, recordWindowRow } from '@driftline/stats';
import { OTHER, OVERALL, toSliceId, toWindowStart } from './keys.ts';
import type { WindowId } from './keys.ts';
import type { ModelContext } from './model-context.ts';
import { CALIBRATION_BINS, createWindowAccumulator, mergeWindows } from './window-accumulator.ts';
import type { WindowAccumulator } from './window-accumulator.ts';
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
  readonly windows: Map<string, WindowAccumulator>;
  readonly invalid: { readonly message: M; readonly reason: AggregatorReason; readonly detail: string }[];
  readonly eventWatermark: number;
  readonly unmonitored: number;
  readonly late: number;
  /** Slice memberships sent to __other__ by the cardinality cap. */
  readonly sliceOverflow: number;
}

/** The slice values a record belongs to, per slice key of the spec (raw, before the cap). */
export function toSliceValues(spec: ModelContext['spec'], record: { slice: Record<string, string>; features: Record<string, unknown> }): [string, string][] {
  const out: [string, string][] = [];
  for (const key of spec.slices.keys) {
    const raw = record.slice[key] ?? record.features[key];
    if (typeof raw === 'string' || typeof raw === 'boolean') out.push([key, String(raw)]);
  }
  return out;
}

export function foldChunk<M>(records: readonly FoldRecord<M>[], options: FoldOptions): FoldResult<M> {
  const cells = new Map<string, { acc: WindowAccumulator; slices: string[] }>();
  const invalid: FoldResult<M>['invalid'] = [];
  let watermark = options.eventWatermark;
  let unmonitored = 0;
  let late = 0;
  let sliceOverflow = 0;

  for (const record of records) {
    const value = record.value;
    const ctx = options.contexts(value.modelId);
    if (ctx === undefined) { unmonitored++; continue; }
    const ts = record.kind === 'prediction' ? record.value.timestamp : record.value.predictionTimestamp;
    if (!Number.isFinite(ts) || ts <= 0) {
      invalid.push({ message: record.message, reason: aggregatorReasons.INVALID_TIMESTAMP, detail: `event time ${ts} is not a positive epoch-millisecond time` });
      continue;
    }
    if (record.kind === 'prediction' && !hasPrediction(ctx, record.value)) {
      invalid.push({ message: record.message, reason: aggregatorReasons.MISSING_PREDICTION, detail: `a ${ctx.spec.prediction.type} model needs ${ctx.spec.prediction.type === 'regression' ? 'prediction.score' : 'prediction.label or prediction.score'}` });
      continue;
    }
    const size = ctx.spec.windows.size;
    const start = toWindowStart(ts, size);
    const grace = record.kind === 'prediction' ? ctx.spec.windows.grace : options.outcomeGraceMs;
    const isLate = watermark >= start + size + grace;
    if (ts > watermark) watermark = ts;
    if (isLate) late++;

    // Fold each record once, into the cell of its slice values; cells are merged into slices below.
    const slices: string[] = [];
    for (const [key, v] of toSliceValues(ctx.spec, value)) {
      const admitted = options.sliceAdmitted(value.modelId, key, v);
      if (!admitted) sliceOverflow++;
      slices.push(toSliceId(key, admitted ? v : OTHER));
    }
    const cellKey = `${value.modelId}\u0000${value.modelVersion}\u0000${start}\u0000${slices.join('\u0000')}`;
    let cell = cells.get(cellKey);
    if (cell === undefined) {
      cell = { acc: createWindowAccumulator({ modelId: value.modelId, version: value.modelVersion, slice: OVERALL, sizeMs: size, start }, ctx), slices };
      cells.set(cellKey, cell);
    }
    const acc = cell.acc;
    if (record.kind === 'prediction') {
      if (isLate) acc.late++;
      else foldPrediction(acc, ctx, record.value);
    } else if (isLate) acc.outcomesLate++;
    else foldOutcome(acc, ctx, record.value);
  }

  const windows = new Map<string, WindowAccumulator>();
  for (const { acc, slices } of cells.values()) {
    for (const slice of [OVERALL, ...slices]) {
      const id: WindowId = { ...acc.id, slice };
      const mapKey = `${id.modelId}\u0000${id.version}\u0000${slice}\u0000${id.start}`;
      const prev = windows.get(mapKey);
      windows.set(mapKey, prev === undefined ? { ...acc, id } : mergeWindows(prev, { ...acc, id }));
    }
  }
  return { windows, invalid, eventWatermark: watermark, unmonitored, late, sliceOverflow };
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
  const negative = ctx.labels.find((l) => l !== p.positiveLabel) ?? OTHER;
  return prediction.score >= p.scoreThreshold ? p.positiveLabel : negative;
}

function foldPrediction(acc: WindowAccumulator, ctx: ModelContext, value: PredictionLog): void {
  acc.records++;
  const features = value.features;
  for (const { name, check } of ctx.checks) {
    const q = acc.quality[name];
    if (q !== undefined) recordQuality(q, check(features[name]));
  }
  recordWindowRow(acc.features, ctx.recorder, features);
  const score = value.prediction.score;
  recordNumericFeature(acc.score, score === null || !Number.isFinite(score) ? undefined : score);
  const label = predictedClass(ctx, value.prediction);
  if (label !== undefined) acc.predictedLabels[label] = (acc.predictedLabels[label] ?? 0) + 1;
  if (score === null || !Number.isFinite(score)) return;
  for (const name of ctx.numeric) {
    const x = features[name];
    const m = acc.coMoments[name];
    if (typeof x !== 'number' || !Number.isFinite(x) || m === undefined) continue;
    m.n++; m.sx += x; m.sy += score; m.sxx += x * x; m.syy += score * score; m.sxy += x * score;
  }
}

function foldOutcome(acc: WindowAccumulator, ctx: ModelContext, value: Outcome): void {
  const o = acc.outcomes;
  o.n++;
  const p = ctx.spec.prediction;
  if (p.type === 'regression') {
    if (value.value === null || value.prediction.score === null) return;
    const err = value.prediction.score - value.value;
    o.errors.n++; o.errors.sum += err; o.errors.sumSq += err * err; o.errors.sumAbs += Math.abs(err);
    return;
  }
  if (value.label === null) return;
  const actual = boundedLabel(ctx, value.label);
  o.labels[actual] = (o.labels[actual] ?? 0) + 1;
  const predicted = predictedClass(ctx, value.prediction);
  if (predicted !== undefined) {
    const cell = `${predicted}|${actual}`;
    o.confusion[cell] = (o.confusion[cell] ?? 0) + 1;
  }
  const score = value.prediction.score;
  if (p.type === 'binary' && p.positiveLabel !== undefined && score !== null && score >= 0 && score <= 1) {
    const bin = Math.min(CALIBRATION_BINS - 1, Math.floor(score * CALIBRATION_BINS));
    o.calibration.n[bin] = (o.calibration.n[bin] ?? 0) + 1;
    o.calibration.score[bin] = (o.calibration.score[bin] ?? 0) + score;
    o.calibration.positive[bin] = (o.calibration.positive[bin] ?? 0) + (value.label === p.positiveLabel ? 1 : 0);
  }
}
