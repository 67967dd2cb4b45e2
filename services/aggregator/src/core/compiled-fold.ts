// The features and score of a prediction folded by code compiled once per model layout: straight-
// line code where each feature is read by its literal name and its positions in the packed window are
// constants, so the hot loop has no per-feature object loads, keyed lookups or calls but the sketch
// and histogram ones (the same technique as avsc's compiled readers). Same verdicts and statistics
// as the interpreted fold of @driftline/stats (the fold-chunk property test holds them equal).
import { histogramCellOf } from '@driftline/stats';
import type { QualityVerdict } from '@driftline/stats';
import { addToBucket } from './packed-window.ts';
import type { PackedWindow } from './packed-window.ts';
import { CAT, CO, NUM } from './window-layout.ts';
import type { CategoricalSlot, FeatureLayout, NumericSlot, WindowLayout } from './window-layout.ts';

/**
 * Folds a prediction's features and score into `w` (quality, numeric moments, histogram, extrema,
 * sketch, co-moments with `score`, category counts; the score's numeric block). `score` is NaN when
 * the prediction has no finite score.
 */
export type FeatureFold = (w: PackedWindow, features: Readonly<Record<string, unknown>>, score: number) => void;

/** Smallest magnitude the sketch indexes (below it a value counts as zero), as in @driftline/stats. */
const MIN_INDEXABLE = 2.2250738585072014e-308;

/** Quality block positions (after `total`), see QUALITY_FIELDS. */
const OK = 1;
const MISSING = 2;
const WRONG_TYPE = 3;
const OUT_OF_RANGE = 4;
const UNSEEN = 5;

/** The quality block position of a verdict. */
export function qualityAt(verdict: QualityVerdict): number {
  switch (verdict) {
    case 'ok': return OK;
    case 'missing': return MISSING;
    case 'wrong_type': return WRONG_TYPE;
    case 'out_of_range': return OUT_OF_RANGE;
    case 'unseen_category': return UNSEEN;
  }
}

/** A number as JavaScript source that reads back as exactly that number. */
function literal(x: number): string {
  if (Number.isNaN(x)) throw new Error('compileFeatureFold: NaN is not a layout constant');
  return x === Number.POSITIVE_INFINITY ? 'Infinity' : x === Number.NEGATIVE_INFINITY ? '-Infinity' : Object.is(x, -0) ? '-0' : String(x);
}

/**
 * Source of a present numeric value `v` (finite, −0 made 0) of a numeric statistic: count, power
 * sums, histogram cell, extrema, the sketch (its common case, a bucket already in range, inline;
 * growing the store in addToBucket), and the co-moments with the score when `coMoments` is given.
 */
function numericStatsSource(slot: NumericSlot, edgesRef: string, coMoments: number | undefined): string[] {
  const { at, index: i } = slot;
  const co = coMoments;
  return [
    `  s[${at + NUM.count}] += 1; s[${at + NUM.s1}] += v; s[${at + NUM.s2}] += v * v; s[${at + NUM.histogram} + cellOf(${edgesRef}, v)] += 1;`,
    `  if (v < min[${i}]) min[${i}] = v;`,
    `  if (v > max[${i}]) max[${i}] = v;`,
    `  if (v >= ${literal(MIN_INDEXABLE)}) { b = Math.ceil(Math.log(v) * ${literal(slot.invLnGamma)}); st = pos[${i}]; }`,
    `  else if (v <= ${literal(-MIN_INDEXABLE)}) { b = Math.ceil(Math.log(-v) * ${literal(slot.invLnGamma)}); st = neg[${i}]; }`,
    `  else { st = undefined; s[${at + NUM.zero}] += 1; }`,
    `  if (st !== undefined) { if (b >= st.lo && b <= st.hi) st.counts[b - st.base] += 1; else grow(st, b, ${literal(slot.maxBins)}); }`,
    ...(co === undefined ? [] : [`  if (score === score) { s[${co + CO.n}] += 1; s[${co + CO.sx}] += v; s[${co + CO.sy}] += score; s[${co + CO.sxx}] += v * v; s[${co + CO.syy}] += score * score; s[${co + CO.sxy}] += v * score; }`]),
  ];
}

/** Source of one numeric feature with statistics: quality inline, then its numeric block and co-moments. */
function numericSource(f: FeatureLayout, slot: NumericSlot, edgesRef: string): string {
  const missing = `s[${slot.at + NUM.missing}] += 1;`;
  return [
    `if (raw === undefined || raw === null || raw !== raw) { s[${f.start + MISSING}] += 1; ${missing} }`,
    `else if (typeof raw !== 'number') { s[${f.start + WRONG_TYPE}] += 1; ${missing} }`,
    `else if (raw === Infinity || raw === -Infinity) { s[${f.start + OUT_OF_RANGE}] += 1; ${missing} }`,
    'else {',
    `  v = raw === 0 ? 0 : raw;`,
    `  s[v < ${literal(f.min)} || v > ${literal(f.max)} ? ${f.start + OUT_OF_RANGE} : ${f.start + OK}] += 1;`,
    ...numericStatsSource(slot, edgesRef, f.coMoments),
    '}',
  ].join('\n');
}

/** Source of the score's numeric block (no quality block): `score` is NaN when there is no finite score. */
function scoreSource(slot: NumericSlot, edgesRef: string): string {
  return [
    `if (score !== score) s[${slot.at + NUM.missing}] += 1;`,
    'else {',
    '  v = score === 0 ? 0 : score;',
    ...numericStatsSource(slot, edgesRef, undefined),
    '}',
  ].join('\n');
}

/**
 * Quality of a categorical or boolean feature inline (as @driftline/stats' check of its spec type),
 * or by the compiled check when the spec's type is another (a reference profile with categories).
 */
function categoricalQuality(f: FeatureLayout, c: CategoricalSlot, checkRef: string, allowedRef: string | undefined): string {
  if (c.specType === 'boolean') return `s[raw === undefined || raw === null ? ${f.start + MISSING} : typeof raw === 'boolean' ? ${f.start + OK} : ${f.start + WRONG_TYPE}] += 1;`;
  if (c.specType !== 'categorical') return `s[${f.start} + qualityAt(${checkRef}(raw))] += 1;`;
  const ok = allowedRef === undefined ? `${f.start + OK}` : `${allowedRef}.has(raw) ? ${f.start + OK} : ${f.start + UNSEEN}`;
  return `s[raw === undefined || raw === null ? ${f.start + MISSING} : typeof raw !== 'string' ? ${f.start + WRONG_TYPE} : ${ok}] += 1;`;
}

/** Source of a feature with category statistics: quality, then its category (vocabulary cell or "other"). */
function categoricalSource(f: FeatureLayout, c: CategoricalSlot, refs: { check: string; lookup: string; allowed: string | undefined }): string {
  const category = c.type === 'boolean' ? `typeof raw === 'boolean' ? (raw ? 'true' : 'false') : undefined` : `typeof raw === 'string' ? raw : undefined`;
  return [
    categoricalQuality(f, c, refs.check, refs.allowed),
    `c = ${category};`,
    `if (c === undefined) s[${c.at + CAT.missing}] += 1;`,
    `else { k = ${refs.lookup}.get(c); s[${c.at + CAT.count}] += 1; s[${c.at + CAT.cells} + (k === undefined ? ${c.categories} : k)] += 1; }`,
  ].join('\n');
}

/**
 * Compiles the feature fold of a layout (once per model context). `isSealed` tells a `pii` value
 * sealed by the producer helper: it counts as present, since its type and range cannot be checked
 * without decrypting it (which the aggregator must not).
 */
export function compileFeatureFold(layout: WindowLayout, isSealed: (value: unknown) => boolean): FeatureFold {
  const constants: unknown[] = [];
  const ref = (value: unknown): string => { constants.push(value); return `c${constants.length - 1}`; };
  const body = layout.features.map((f) => {
    const read = `raw = features[${JSON.stringify(f.name)}]; s[${f.start}] += 1;`;
    const c = f.categorical;
    const fold = f.numeric !== undefined ? numericSource(f, f.numeric, ref(f.numeric.edges))
      : c !== undefined ? categoricalSource(f, c, { check: ref(f.check), lookup: ref(c.lookup), allowed: c.allowed === undefined ? undefined : ref(c.allowed) })
      // No statistics (pii): quality by the compiled check, a sealed value (encrypted, libs/privacy) as present.
      : `s[${f.start} + (isSealed(raw) ? ${OK} : qualityAt(${ref(f.check)}(raw)))] += 1;`;
    return `${read}\n${fold}`;
  });
  body.push(scoreSource(layout.score, ref(layout.score.edges)));
  const source = [
    'return function foldFeatures(w, features, score) {',
    'const s = w.sums, min = w.min, max = w.max, pos = w.pos, neg = w.neg;',
    'let raw, v, c, k, b, st;',
    ...body,
    '};',
  ].join('\n');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled from the layout's own numbers and JSON-quoted names
  const factory = new Function('cellOf', 'grow', 'qualityAt', 'isSealed', ...constants.map((_, i) => `c${i}`), source) as (...args: unknown[]) => FeatureFold;
  return factory(histogramCellOf, addToBucket, qualityAt, isSealed, ...constants);
}
