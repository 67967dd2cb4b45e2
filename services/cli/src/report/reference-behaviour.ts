// How the model and its labels behave on the reference rows, per slice: outcome counts (rows with an
// actual label or value) and co-moments of each numeric feature with the prediction score. The
// detector compares windows with these (performance, label drift, correlation; docs/detector.md).
import { createCoMoments, createOutcomeCounts, recordCoMoments, recordOutcome } from '@driftline/stats';
import type { BaselineDocument, CoMomentsState, OutcomeCountsState, OutcomeValues } from '@driftline/stats';
import type { MonitorSpecDocument } from '@driftline/schemas';
import type { InputRow } from '../input/input-row.ts';
import { otherSliceValue } from './slice-assigner.ts';

interface SliceBehaviour {
  readonly outcomes: OutcomeCountsState;
  readonly coMoments: Record<string, CoMomentsState>;
}

export interface BehaviourRecorder {
  readonly prediction: MonitorSpecDocument['prediction'];
  readonly numeric: readonly string[];
  readonly overall: SliceBehaviour;
  readonly slices: Map<string, SliceBehaviour>;
  /** Rows that carried an actual label or value, or a score. */
  seen: number;
}

function createSliceBehaviour(numeric: readonly string[]): SliceBehaviour {
  return { outcomes: createOutcomeCounts(), coMoments: Object.fromEntries(numeric.map((n) => [n, createCoMoments()])) };
}

export function createBehaviourRecorder(spec: MonitorSpecDocument): BehaviourRecorder {
  const numeric = spec.features.filter((f) => f.type === 'numeric' && !f.pii).map((f) => f.name);
  return { prediction: spec.prediction, numeric, overall: createSliceBehaviour(numeric), slices: new Map(), seen: 0 };
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** A label bounded to the spec's labels when it declares them (as the aggregator bounds them). */
function bounded(p: BehaviourRecorder['prediction'], label: string): string {
  return p.labels === undefined || p.labels.includes(label) ? label : otherSliceValue;
}

/** The predicted class: the label, else for binary models the score against the threshold. */
function predictedClass(p: BehaviourRecorder['prediction'], row: InputRow): string | undefined {
  const label = text(row.prediction?.label);
  if (label !== undefined) return bounded(p, label);
  const score = finite(row.prediction?.score);
  if (p.type !== 'binary' || score === undefined || p.positiveLabel === undefined) return undefined;
  return score >= p.scoreThreshold ? p.positiveLabel : (p.labels?.find((l) => l !== p.positiveLabel) ?? otherSliceValue);
}

/** The labelled outcome of `row`, or undefined when it has no (usable) actual label or value. */
export function toOutcome(rec: BehaviourRecorder, row: InputRow): OutcomeValues | undefined {
  if (row.actual === undefined) return undefined;
  if (rec.prediction.type === 'regression') {
    const value = finite(row.actual.value);
    const score = finite(row.prediction?.score);
    return value === undefined ? undefined : { error: score === undefined ? undefined : score - value };
  }
  const actual = text(row.actual.label);
  return actual === undefined ? undefined : { actual: bounded(rec.prediction, actual), predicted: predictedClass(rec.prediction, row) };
}

function toSliceBehaviour(rec: BehaviourRecorder, id: string): SliceBehaviour {
  let s = rec.slices.get(id);
  if (s === undefined) { s = createSliceBehaviour(rec.numeric); rec.slices.set(id, s); }
  return s;
}

/** Records one reference row into the overall behaviour and that of each of its slices (call once per row). */
export function recordBehaviourRow(rec: BehaviourRecorder, row: InputRow, sliceIds: readonly string[]): void {
  const outcome = toOutcome(rec, row);
  const score = finite(row.prediction?.score);
  if (outcome === undefined && score === undefined) return;
  rec.seen += 1;
  const targets = [rec.overall];
  for (const id of sliceIds) targets.push(toSliceBehaviour(rec, id));
  for (const t of targets) {
    if (outcome !== undefined) recordOutcome(t.outcomes, outcome);
    if (score === undefined) continue;
    for (const name of rec.numeric) {
      const x = finite(row.features[name]);
      const m = t.coMoments[name];
      if (x !== undefined && m !== undefined) recordCoMoments(m, x, score);
    }
  }
}

/** What {@link recordBehaviourBatch} reads of a batch of rows. */
export interface BehaviourBatch {
  readonly size: number;
  /** Prediction scores (NaN where none). */
  readonly scores: Float64Array;
  /** The values of each of `rec.numeric`, in order (NaN where none). */
  readonly numeric: readonly Float64Array[];
  readonly outcomes: readonly (OutcomeValues | undefined)[];
  /** The rows (in row order) of each slice the batch touches. */
  readonly slices: readonly { readonly id: string; readonly rows: Int32Array; readonly count: number }[];
}

function recordRows(rec: BehaviourRecorder, target: SliceBehaviour, batch: BehaviourBatch, rows: Int32Array | undefined, count: number): void {
  const { scores, outcomes } = batch;
  for (let i = 0; i < count; i += 1) {
    const outcome = outcomes[rows === undefined ? i : rows[i] ?? 0];
    if (outcome !== undefined) recordOutcome(target.outcomes, outcome);
  }
  rec.numeric.forEach((name, j) => {
    const m = target.coMoments[name];
    const xs = batch.numeric[j];
    if (m === undefined || xs === undefined) return;
    for (let i = 0; i < count; i += 1) {
      const r = rows === undefined ? i : rows[i] ?? 0;
      const score = scores[r] ?? Number.NaN;
      if (Number.isFinite(score)) recordCoMoments(m, xs[r] ?? Number.NaN, score);
    }
  });
}

/** The batch form of {@link recordBehaviourRow}: the same sums, in the same order, column by column. */
export function recordBehaviourBatch(rec: BehaviourRecorder, batch: BehaviourBatch): void {
  const seen = (r: number): boolean => batch.outcomes[r] !== undefined || Number.isFinite(batch.scores[r] ?? Number.NaN);
  let n = 0;
  for (let r = 0; r < batch.size; r += 1) if (seen(r)) n += 1;
  if (n === 0) return;
  rec.seen += n;
  recordRows(rec, rec.overall, batch, undefined, batch.size);
  for (const slice of batch.slices) {
    let any = false;
    for (let i = 0; i < slice.count && !any; i += 1) any = seen(slice.rows[i] ?? 0);
    if (any) recordRows(rec, toSliceBehaviour(rec, slice.id), batch, slice.rows, slice.count);
  }
}

/** The baseline's `behaviour` section, or undefined when no row had a label or a score. */
export function toReferenceBehaviours(rec: BehaviourRecorder): BaselineDocument['behaviour'] {
  if (rec.seen === 0) return undefined;
  const slices: Record<string, SliceBehaviour> = {};
  for (const id of [...rec.slices.keys()].sort()) {
    const s = rec.slices.get(id);
    if (s !== undefined) slices[id] = s;
  }
  return { overall: rec.overall, slices };
}
