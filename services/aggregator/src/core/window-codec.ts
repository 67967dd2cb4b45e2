// Window statistics as Redis hash fields (docs/aggregator.md "Redis keys"). A packed window becomes
// a few vector deltas (element-wise sums: `w`, `f|<feature>`, sketch buckets `f|<feature>|qp|qn`)
// and a few number deltas (min / max, label and confusion counts), so chunks from any partition
// merge in any order. `fromWindowHash` rebuilds @driftline/stats states from the stored fields.
// Moments are kept as power sums (n, Σx, Σx²): exact to rounding and additive; the variance is
// Σx² − (Σx)²/n, which loses precision only when std/|mean| < ~1e-7.
import { createSmallDomain, createWindowStatsLike } from '@driftline/stats';
import type { BinStore, CategoricalFeatureStats, NumericFeatureStats } from '@driftline/stats';
import type { WindowId } from './keys.ts';
import type { ModelContext } from './model-context.ts';
import { SCORE } from './model-context.ts';
import { toBucketRange } from './packed-window.ts';
import type { PackedWindow } from './packed-window.ts';
import { CALIBRATION_BINS, createWindowAccumulator } from './window-accumulator.ts';
import type { WindowAccumulator } from './window-accumulator.ts';
import { CAT, CO, NUM, QUALITY_FIELDS, W } from './window-layout.ts';
import type { NumericSlot } from './window-layout.ts';

/** One change to a number field (structurally a @driftline/redis-state HashIncrement). */
export interface FieldDelta {
  readonly key: string;
  readonly field: string;
  readonly by: number;
  readonly op?: 'add' | 'max' | 'min';
}

/** Element-wise add into a vector field at `offset` (structurally a @driftline/redis-state VectorIncrement). */
export interface VectorDelta {
  readonly key: string;
  readonly field: string;
  readonly offset: number;
  readonly values: Float64Array;
}

/** The deltas of one window: what `StateStore.applyWithWatermark` takes as `increments` and `vectors`. */
export interface WindowOps {
  readonly increments: FieldDelta[];
  readonly vectors: VectorDelta[];
}

/** A window hash as read back (structurally a @driftline/redis-state HashFields). */
export interface WindowFields {
  readonly numbers: Readonly<Record<string, number>>;
  readonly vectors: Readonly<Record<string, { readonly offset: number; readonly values: ArrayLike<number> }>>;
}

const WINDOW_FIELD = 'w';
const featureField = (name: string): string => `f|${name}`;

function isZero(values: Float64Array): boolean {
  for (const v of values) if (v !== 0) return false;
  return true;
}

/** The deltas of a packed window (vectors are views into it: apply before folding into it again). */
export function toWindowOps(w: PackedWindow, key: string): WindowOps {
  const layout = w.layout;
  const increments: FieldDelta[] = [];
  const vectors: VectorDelta[] = [];
  const vector = (field: string, values: Float64Array, offset = 0): void => { if (!isZero(values)) vectors.push({ key, field, offset, values }); };
  const numeric = (name: string, slot: NumericSlot): void => {
    const i = slot.index;
    const min = w.min[i] ?? Number.POSITIVE_INFINITY;
    const max = w.max[i] ?? Number.NEGATIVE_INFINITY;
    if (min <= max) increments.push({ key, field: `${featureField(name)}|lo`, by: min, op: 'min' }, { key, field: `${featureField(name)}|hi`, by: max, op: 'max' });
    const pos = w.pos[i] === undefined ? undefined : toBucketRange(w.pos[i]);
    const neg = w.neg[i] === undefined ? undefined : toBucketRange(w.neg[i]);
    if (pos !== undefined) vector(`${featureField(name)}|qp`, pos.values, pos.offset);
    if (neg !== undefined) vector(`${featureField(name)}|qn`, neg.values, neg.offset);
  };
  vector(WINDOW_FIELD, w.sums.subarray(0, W.length));
  for (const f of layout.features) {
    vector(featureField(f.name), w.sums.subarray(f.start, f.start + f.length));
    if (f.numeric !== undefined) numeric(f.name, f.numeric);
  }
  vector(featureField(SCORE), w.sums.subarray(layout.score.at, layout.score.at + layout.scoreLength));
  numeric(SCORE, layout.score);
  for (const [label, n] of w.predictedLabels) increments.push({ key, field: `pl|${encodeURIComponent(label)}`, by: n });
  for (const [label, n] of w.labels) increments.push({ key, field: `o|l|${encodeURIComponent(label)}`, by: n });
  for (const [cell, n] of w.confusion) increments.push({ key, field: `o|cm|${cell.split('|').map(encodeURIComponent).join('|')}`, by: n });
  return { increments, vectors };
}

/** A window as read back from Redis, as @driftline/stats states (what the read API and rolling views use). */
export function fromWindowHash(id: WindowId, hash: WindowFields, ctx: ModelContext): WindowAccumulator {
  const acc = createWindowAccumulator(id, ctx);
  const layout = ctx.layout;
  const vectorOf = (field: string): ArrayLike<number> => hash.vectors[field]?.values ?? [];
  const w = vectorOf(WINDOW_FIELD);
  const at = (values: ArrayLike<number>, i: number): number => values[i] ?? 0;
  acc.records = at(w, W.records);
  acc.late = at(w, W.late);
  acc.outcomesLate = at(w, W.outcomesLate);
  for (const f of layout.features) {
    const v = vectorOf(featureField(f.name));
    const q = acc.quality[f.name];
    if (q !== undefined) QUALITY_FIELDS.forEach((name, i) => { q[name] = at(v, i); });
    const m = acc.coMoments[f.name];
    if (m !== undefined && f.coMoments !== undefined) {
      const c = f.coMoments - f.start;
      Object.assign(m, { n: at(v, c + CO.n), sx: at(v, c + CO.sx), sy: at(v, c + CO.sy), sxx: at(v, c + CO.sxx), syy: at(v, c + CO.syy), sxy: at(v, c + CO.sxy) });
    }
  }
  const features = createWindowStatsLike(ctx.template);
  for (const f of layout.features) {
    const stats = features[f.name];
    if (stats === undefined) continue;
    const v = vectorOf(featureField(f.name));
    if (stats.kind === 'numeric' && f.numeric !== undefined) readNumeric(stats, v, f.numeric.at - f.start, hash, f.name);
    else if (stats.kind === 'categorical' && f.categorical !== undefined) readCategorical(stats, v, f.categorical.at - f.start);
    acc.features[f.name] = stats;
  }
  readNumeric(acc.score, vectorOf(featureField(SCORE)), 0, hash, SCORE);
  for (const [field, n] of prefixed(hash.numbers, 'pl|')) acc.predictedLabels[decodeURIComponent(field)] = n;
  const o = acc.outcomes;
  o.n = at(w, W.outcomes);
  for (const [field, n] of prefixed(hash.numbers, 'o|l|')) o.labels[decodeURIComponent(field)] = n;
  for (const [field, n] of prefixed(hash.numbers, 'o|cm|')) o.confusion[field.split('|').map(decodeURIComponent).join('|')] = n;
  o.errors = { n: at(w, W.errorN), sum: at(w, W.errorSum), sumSq: at(w, W.errorSumSq), sumAbs: at(w, W.errorSumAbs) };
  for (let b = 0; b < CALIBRATION_BINS; b++) {
    o.calibration.n[b] = at(w, W.calibrationN + b); o.calibration.score[b] = at(w, W.calibrationScore + b); o.calibration.positive[b] = at(w, W.calibrationPositive + b);
  }
  return acc;
}

function readCategorical(stats: CategoricalFeatureStats, v: ArrayLike<number>, at: number): void {
  stats.counts.count = v[at + CAT.count] ?? 0;
  stats.counts.missing = v[at + CAT.missing] ?? 0;
  stats.categories.counts = stats.categories.counts.map((_, i) => v[at + CAT.cells + i] ?? 0);
}

function readNumeric(stats: NumericFeatureStats, v: ArrayLike<number>, at: number, hash: WindowFields, name: string): void {
  const n = v[at + NUM.count] ?? 0;
  stats.counts.count = n;
  stats.counts.missing = v[at + NUM.missing] ?? 0;
  const s1 = v[at + NUM.s1] ?? 0;
  const s2 = v[at + NUM.s2] ?? 0;
  stats.moments = { n, mean: n > 0 ? s1 / n : 0, m2: n > 0 ? Math.max(0, s2 - (s1 * s1) / n) : 0 };
  const lo = hash.numbers[`${featureField(name)}|lo`] ?? 0;
  const hi = hash.numbers[`${featureField(name)}|hi`] ?? 0;
  stats.extrema = { n, min: n > 0 ? lo : 0, max: n > 0 ? hi : 0 };
  stats.histogram.counts = stats.histogram.counts.map((_, i) => v[at + NUM.histogram + i] ?? 0);
  const sketch = stats.sketch;
  sketch.zero = v[at + NUM.zero] ?? 0;
  sketch.pos = toStore(hash.vectors[`${featureField(name)}|qp`]);
  sketch.neg = toStore(hash.vectors[`${featureField(name)}|qn`]);
  sketch.count = sketch.zero + sum(sketch.pos.counts) + sum(sketch.neg.counts);
  sketch.min = stats.extrema.min;
  sketch.max = stats.extrema.max;
  stats.domain = { ...createSmallDomain(), saturated: true }; // per-value counts are not kept in Redis
}

/** Dense bucket counts without the empty buckets at either end. */
function toStore(vector: WindowFields['vectors'][string] | undefined): BinStore {
  const values = vector?.values ?? [];
  let lo = 0;
  let hi = values.length - 1;
  while (lo <= hi && (values[lo] ?? 0) === 0) lo++;
  while (hi >= lo && (values[hi] ?? 0) === 0) hi--;
  if (vector === undefined || lo > hi) return { offset: 0, counts: [] };
  return { offset: vector.offset + lo, counts: Array.from({ length: hi - lo + 1 }, (_, i) => values[lo + i] ?? 0) };
}

function prefixed(numbers: Readonly<Record<string, number>>, prefix: string): [string, number][] {
  return Object.entries(numbers).filter(([f]) => f.startsWith(prefix)).map(([f, n]) => [f.slice(prefix.length), n]);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A packed window as @driftline/stats states: its deltas, read back as from an empty hash. */
export function toWindowAccumulator(w: PackedWindow, ctx: ModelContext): WindowAccumulator {
  const ops = toWindowOps(w, '');
  return fromWindowHash(w.id, { numbers: Object.fromEntries(ops.increments.map((d) => [d.field, d.by])), vectors: Object.fromEntries(ops.vectors.map((d) => [d.field, d])) }, ctx);
}
