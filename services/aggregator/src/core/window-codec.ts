// Window statistics as Redis hash fields. Every field is either a sum (HINCRBYFLOAT, so chunks from
// any partition merge in any order) or a min / max. `toWindowOps` turns a chunk's accumulator into
// deltas; `fromWindowHash` rebuilds @driftline/stats states from the stored fields.
// Moments are kept as power sums (n, Σx, Σx²): exact to rounding and additive; the variance is
// Σx² − (Σx)²/n, which loses precision only when std/|mean| < ~1e-7.
import { createSmallDomain, createWindowStatsLike } from '@driftline/stats';
import type { FeatureStats, NumericFeatureStats, QualityCountsState, WindowStats, BinStore } from '@driftline/stats';
import type { ModelContext } from './model-context.ts';
import { SCORE } from './model-context.ts';
import { CALIBRATION_BINS, createWindowAccumulator } from './window-accumulator.ts';
import type { WindowAccumulator } from './window-accumulator.ts';
import type { WindowId } from './keys.ts';

/** One change to a hash field (structurally a @driftline/redis-state FieldDelta). */
export interface FieldDelta {
  readonly key: string;
  readonly field: string;
  readonly by: number;
  readonly op?: 'add' | 'max' | 'min';
}

const QUALITY_FIELDS = ['total', 'ok', 'missing', 'wrongType', 'outOfRange', 'unseenCategory'] as const;

export function toWindowOps(acc: WindowAccumulator, key: string): FieldDelta[] {
  const ops: FieldDelta[] = [];
  const add = (field: string, by: number): void => { if (by !== 0) ops.push({ key, field, by }); };
  add('n', acc.records);
  add('late', acc.late);
  add('o|late', acc.outcomesLate);
  for (const [name, q] of Object.entries(acc.quality)) for (const f of QUALITY_FIELDS) add(`q|${name}|${f}`, q[f]);
  for (const [name, stats] of Object.entries(acc.features)) featureOps(ops, key, name, stats);
  featureOps(ops, key, SCORE, acc.score);
  for (const [label, n] of Object.entries(acc.predictedLabels)) add(`pl|${encodeURIComponent(label)}`, n);
  for (const [name, m] of Object.entries(acc.coMoments)) {
    add(`x|${name}|n`, m.n); add(`x|${name}|sx`, m.sx); add(`x|${name}|sy`, m.sy);
    add(`x|${name}|sxx`, m.sxx); add(`x|${name}|syy`, m.syy); add(`x|${name}|sxy`, m.sxy);
  }
  const o = acc.outcomes;
  add('o|n', o.n);
  for (const [label, n] of Object.entries(o.labels)) add(`o|l|${encodeURIComponent(label)}`, n);
  for (const [cell, n] of Object.entries(o.confusion)) add(`o|cm|${cell.split('|').map(encodeURIComponent).join('|')}`, n);
  add('o|e|n', o.errors.n); add('o|e|s', o.errors.sum); add('o|e|ss', o.errors.sumSq); add('o|e|sa', o.errors.sumAbs);
  for (let b = 0; b < CALIBRATION_BINS; b++) {
    add(`o|cal|${b}|n`, o.calibration.n[b] ?? 0); add(`o|cal|${b}|s`, o.calibration.score[b] ?? 0); add(`o|cal|${b}|y`, o.calibration.positive[b] ?? 0);
  }
  return ops;
}

function featureOps(ops: FieldDelta[], key: string, name: string, stats: FeatureStats): void {
  const add = (field: string, by: number): void => { if (by !== 0) ops.push({ key, field: `f|${name}|${field}`, by }); };
  add('c', stats.counts.count);
  add('m', stats.counts.missing);
  if (stats.kind === 'categorical') {
    stats.categories.counts.forEach((n, i) => { add(`k|${i}`, n); });
    return;
  }
  const { n, mean, m2 } = stats.moments;
  if (n > 0) {
    add('s1', n * mean);
    add('s2', m2 + n * mean * mean);
    ops.push({ key, field: `f|${name}|lo`, by: stats.extrema.min, op: 'min' }, { key, field: `f|${name}|hi`, by: stats.extrema.max, op: 'max' });
  }
  stats.histogram.counts.forEach((c, i) => { add(`h|${i}`, c); });
  add('qz', stats.sketch.zero);
  stats.sketch.pos.counts.forEach((c, i) => { add(`qp|${stats.sketch.pos.offset + i}`, c); });
  stats.sketch.neg.counts.forEach((c, i) => { add(`qn|${stats.sketch.neg.offset + i}`, c); });
}

/** A window as read back from Redis: the same shape as a chunk's accumulator. */
export function fromWindowHash(id: WindowId, hash: Readonly<Record<string, number>>, ctx: ModelContext): WindowAccumulator {
  const acc = createWindowAccumulator(id, ctx);
  const get = (field: string): number => hash[field] ?? 0;
  acc.records = get('n');
  acc.late = get('late');
  acc.outcomesLate = get('o|late');
  for (const [name, q] of Object.entries(acc.quality)) readQuality(q, (f) => get(`q|${name}|${f}`));
  const features: WindowStats = createWindowStatsLike(ctx.template);
  for (const [name, stats] of Object.entries(features)) {
    readFeature(stats, (f) => hash[`f|${name}|${f}`], prefixed(hash, `f|${name}|`));
    acc.features[name] = stats;
  }
  readFeature(acc.score, (f) => hash[`f|${SCORE}|${f}`], prefixed(hash, `f|${SCORE}|`));
  for (const [field, n] of prefixed(hash, 'pl|')) acc.predictedLabels[decodeURIComponent(field)] = n;
  for (const [name, m] of Object.entries(acc.coMoments)) {
    m.n = get(`x|${name}|n`); m.sx = get(`x|${name}|sx`); m.sy = get(`x|${name}|sy`);
    m.sxx = get(`x|${name}|sxx`); m.syy = get(`x|${name}|syy`); m.sxy = get(`x|${name}|sxy`);
  }
  const o = acc.outcomes;
  o.n = get('o|n');
  for (const [field, n] of prefixed(hash, 'o|l|')) o.labels[decodeURIComponent(field)] = n;
  for (const [field, n] of prefixed(hash, 'o|cm|')) o.confusion[field.split('|').map(decodeURIComponent).join('|')] = n;
  o.errors = { n: get('o|e|n'), sum: get('o|e|s'), sumSq: get('o|e|ss'), sumAbs: get('o|e|sa') };
  for (let b = 0; b < CALIBRATION_BINS; b++) {
    o.calibration.n[b] = get(`o|cal|${b}|n`); o.calibration.score[b] = get(`o|cal|${b}|s`); o.calibration.positive[b] = get(`o|cal|${b}|y`);
  }
  return acc;
}

function readQuality(q: QualityCountsState, get: (field: (typeof QUALITY_FIELDS)[number]) => number): void {
  for (const f of QUALITY_FIELDS) q[f] = get(f);
}

function readFeature(stats: FeatureStats, get: (field: string) => number | undefined, fields: [string, number][]): void {
  stats.counts.count = get('c') ?? 0;
  stats.counts.missing = get('m') ?? 0;
  if (stats.kind === 'categorical') {
    stats.categories.counts = stats.categories.counts.map((_, i) => get(`k|${i}`) ?? 0);
    return;
  }
  readNumeric(stats, get, fields);
}

function readNumeric(stats: NumericFeatureStats, get: (field: string) => number | undefined, fields: [string, number][]): void {
  const n = stats.counts.count;
  const s1 = get('s1') ?? 0;
  const s2 = get('s2') ?? 0;
  const mean = n > 0 ? s1 / n : 0;
  stats.moments = { n, mean, m2: n > 0 ? Math.max(0, s2 - (s1 * s1) / n) : 0 };
  const lo = get('lo') ?? 0;
  const hi = get('hi') ?? 0;
  stats.extrema = { n, min: n > 0 ? lo : 0, max: n > 0 ? hi : 0 };
  stats.histogram.counts = stats.histogram.counts.map((_, i) => get(`h|${i}`) ?? 0);
  const sketch = stats.sketch;
  sketch.zero = get('qz') ?? 0;
  sketch.pos = toStore(fields, 'qp|');
  sketch.neg = toStore(fields, 'qn|');
  sketch.count = sketch.zero + sum(sketch.pos.counts) + sum(sketch.neg.counts);
  sketch.min = stats.extrema.min;
  sketch.max = stats.extrema.max;
  stats.domain = { ...createSmallDomain(), saturated: true }; // per-value counts are not kept in Redis
}

/** Dense bucket counts from `q?|<index>` fields. */
function toStore(fields: [string, number][], prefix: string): BinStore {
  const entries = fields.filter(([f]) => f.startsWith(prefix)).map(([f, c]) => [Number(f.slice(prefix.length)), c] as const);
  if (entries.length === 0) return { offset: 0, counts: [] };
  const lo = Math.min(...entries.map(([i]) => i));
  const hi = Math.max(...entries.map(([i]) => i));
  const counts = new Array<number>(hi - lo + 1).fill(0);
  for (const [i, c] of entries) counts[i - lo] = c;
  return { offset: lo, counts };
}

function prefixed(hash: Readonly<Record<string, number>>, prefix: string): [string, number][] {
  return Object.entries(hash).filter(([f]) => f.startsWith(prefix)).map(([f, n]) => [f.slice(prefix.length), n]);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
