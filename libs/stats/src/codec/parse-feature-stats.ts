import { isStatsError } from '../errors.ts';
import { assertEdges } from '../accumulators/histogram.ts';
import { createQuantileSketch } from '../accumulators/quantile-sketch.ts';
import type { BinStore, QuantileSketchState } from '../accumulators/quantile-sketch.ts';
import type { CategoricalFeatureStats, FeatureStats, NumericFeatureStats } from '../profile/feature-stats.ts';
import { invalid, toFinite, toFiniteArray, toRecord, toStringArray } from './validate.ts';

function toStore(value: unknown, path: string): BinStore {
  const r = toRecord(value, path);
  return { offset: toFinite(r['offset'], `${path}.offset`), counts: toFiniteArray(r['counts'], `${path}.counts`, true) };
}

/** Parses and validates a quantile sketch from JSON (`DL_STATS_INVALID_STATE` on a bad shape). */
export function parseQuantileSketch(value: unknown, path = 'sketch'): QuantileSketchState {
  const r = toRecord(value, path);
  const alpha = toFinite(r['alpha'], `${path}.alpha`);
  const maxBins = toFinite(r['maxBins'], `${path}.maxBins`, true);
  try {
    createQuantileSketch({ alpha, maxBins });
  } catch (error) {
    if (isStatsError(error)) invalid(path, 'valid alpha and maxBins');
    throw error;
  }
  const pos = toStore(r['pos'], `${path}.pos`);
  const neg = toStore(r['neg'], `${path}.neg`);
  if (pos.counts.length > maxBins || neg.counts.length > maxBins) invalid(path, 'stores within maxBins');
  return {
    alpha, maxBins, pos, neg,
    count: toFinite(r['count'], `${path}.count`, true),
    min: toFinite(r['min'], `${path}.min`),
    max: toFinite(r['max'], `${path}.max`),
    zero: toFinite(r['zero'], `${path}.zero`, true),
  };
}

function toCounts(value: unknown, path: string): { count: number; missing: number } {
  const r = toRecord(value, path);
  return { count: toFinite(r['count'], `${path}.count`, true), missing: toFinite(r['missing'], `${path}.missing`, true) };
}

function parseNumeric(r: Record<string, unknown>, path: string): NumericFeatureStats {
  const m = toRecord(r['moments'], `${path}.moments`);
  const e = toRecord(r['extrema'], `${path}.extrema`);
  const h = toRecord(r['histogram'], `${path}.histogram`);
  const d = toRecord(r['domain'], `${path}.domain`);
  const edges = toFiniteArray(h['edges'], `${path}.histogram.edges`);
  try {
    assertEdges(edges);
  } catch (error) {
    if (isStatsError(error)) invalid(`${path}.histogram.edges`, 'strictly increasing finite edges');
    throw error;
  }
  const counts = toFiniteArray(h['counts'], `${path}.histogram.counts`, true);
  if (counts.length !== edges.length + 1) invalid(`${path}.histogram.counts`, 'edges.length + 1 cells');
  const values = toFiniteArray(d['values'], `${path}.domain.values`);
  const domainCounts = toFiniteArray(d['counts'], `${path}.domain.counts`, true);
  if (values.length !== domainCounts.length || typeof d['saturated'] !== 'boolean') invalid(`${path}.domain`, 'a small domain');
  return {
    kind: 'numeric',
    counts: toCounts(r['counts'], `${path}.counts`),
    moments: { n: toFinite(m['n'], `${path}.moments.n`, true), mean: toFinite(m['mean'], `${path}.moments.mean`), m2: toFinite(m['m2'], `${path}.moments.m2`) },
    extrema: { n: toFinite(e['n'], `${path}.extrema.n`, true), min: toFinite(e['min'], `${path}.extrema.min`), max: toFinite(e['max'], `${path}.extrema.max`) },
    histogram: { edges, counts },
    sketch: parseQuantileSketch(r['sketch'], `${path}.sketch`),
    domain: { cap: toFinite(d['cap'], `${path}.domain.cap`, true), saturated: d['saturated'], values, counts: domainCounts },
  };
}

function parseCategorical(r: Record<string, unknown>, path: string): CategoricalFeatureStats {
  const c = toRecord(r['categories'], `${path}.categories`);
  const categories = toStringArray(c['categories'], `${path}.categories.categories`);
  const counts = toFiniteArray(c['counts'], `${path}.categories.counts`, true);
  if (counts.length !== categories.length + 1) invalid(`${path}.categories.counts`, 'categories.length + 1 cells');
  if (new Set(categories).size !== categories.length) invalid(`${path}.categories.categories`, 'distinct categories');
  return { kind: 'categorical', counts: toCounts(r['counts'], `${path}.counts`), categories: { categories, counts } };
}

/** Parses and validates one feature's window statistics from JSON. */
export function parseFeatureStats(value: unknown, path = 'stats'): FeatureStats {
  const r = toRecord(value, path);
  if (r['kind'] === 'numeric') return parseNumeric(r, path);
  if (r['kind'] === 'categorical') return parseCategorical(r, path);
  return invalid(`${path}.kind`, '"numeric" or "categorical"');
}

/** Parses a whole window (feature name → statistics), e.g. as stored in Redis. */
export function parseWindowStats(value: unknown, path = 'window'): Record<string, FeatureStats> {
  const r = toRecord(value, path);
  const out: Record<string, FeatureStats> = {};
  for (const [name, s] of Object.entries(r)) out[name] = parseFeatureStats(s, `${path}.${name}`);
  return out;
}
