import { isStatsError } from '../errors.ts';
import { toHyperLogLogJson } from '../accumulators/hyperloglog.ts';
import { fromBase64 } from './base64.ts';
import type { HyperLogLogState } from '../accumulators/hyperloglog.ts';
import type { ReferenceFeatureProfile, ReferenceProfile } from '../profile/profile-builder.ts';
import type { WindowStats } from '../profile/window-stats.ts';
import { parseFeatureSpec } from '../quality/feature-spec.ts';
import type { FeatureSpec } from '../quality/feature-spec.ts';
import type { QualityCountsState } from '../quality/quality-counts.ts';
import { parseFeatureStats } from './parse-feature-stats.ts';
import { invalid, toFinite, toRecord, toStringArray } from './validate.ts';

/** Parses the JSON form of a HyperLogLog (`{ p, registers: base64 }`). */
export function parseHyperLogLog(value: unknown, path = 'distinct'): HyperLogLogState {
  const r = toRecord(value, path);
  const p = toFinite(r['p'], `${path}.p`, true);
  if (p < 4 || p > 16 || typeof r['registers'] !== 'string') invalid(path, 'p in [4, 16] and base64 registers');
  const registers = fromBase64(r['registers']);
  if (registers.length !== 1 << p) invalid(`${path}.registers`, `${1 << p} bytes`);
  return { p, registers };
}

function parseSpec(value: unknown, path: string): FeatureSpec {
  const r = toRecord(value, path);
  const type = r['type'];
  if (typeof r['name'] !== 'string' || (type !== 'numeric' && type !== 'categorical' && type !== 'boolean')) invalid(path, 'a feature spec');
  const range = r['range'] === undefined ? undefined : toRecord(r['range'], `${path}.range`);
  const spec: FeatureSpec = {
    name: r['name'],
    type,
    ...(range === undefined ? {} : {
      range: {
        ...(range['min'] === undefined ? {} : { min: toFinite(range['min'], `${path}.range.min`) }),
        ...(range['max'] === undefined ? {} : { max: toFinite(range['max'], `${path}.range.max`) }),
      },
    }),
    ...(r['categories'] === undefined ? {} : { categories: toStringArray(r['categories'], `${path}.categories`) }),
    ...(r['pii'] === undefined ? {} : { pii: r['pii'] === true }),
  };
  try {
    return parseFeatureSpec(spec);
  } catch (error) {
    if (isStatsError(error)) invalid(path, `a valid feature spec (${error.message})`);
    throw error;
  }
}

function parseTopK(value: unknown, path: string): NonNullable<ReferenceFeatureProfile['topK']> {
  const r = toRecord(value, path);
  if (!Array.isArray(r['top'])) invalid(`${path}.top`, 'an array');
  const top = r['top'].map((e: unknown, i) => {
    const er = toRecord(e, `${path}.top[${i}]`);
    if (typeof er['value'] !== 'string') invalid(`${path}.top[${i}].value`, 'a string');
    return { value: er['value'], count: toFinite(er['count'], `${path}.top[${i}].count`, true) };
  });
  return {
    total: toFinite(r['total'], `${path}.total`, true),
    top,
    other: toFinite(r['other'], `${path}.other`, true),
    maxUndercount: toFinite(r['maxUndercount'], `${path}.maxUndercount`),
  };
}

/** Parses quality counters (`{ total, ok, missing, wrongType, outOfRange, unseenCategory }`). */
export function parseQualityCounts(value: unknown, path = 'quality'): QualityCountsState {
  const r = toRecord(value, path);
  const f = (k: string): number => toFinite(r[k], `${path}.${k}`, true);
  return { total: f('total'), ok: f('ok'), missing: f('missing'), wrongType: f('wrongType'), outOfRange: f('outOfRange'), unseenCategory: f('unseenCategory') };
}

/**
 * Parses and validates a reference profile from JSON (e.g. read from the `monitors` topic).
 * Throws `DL_STATS_INVALID_STATE` with the JSON path of the first problem.
 */
export function parseReferenceProfile(value: unknown): ReferenceProfile {
  const r = toRecord(value, 'profile');
  if (r['version'] !== 1) invalid('profile.version', '1');
  const featuresJson = toRecord(r['features'], 'profile.features');
  const statsJson = toRecord(r['stats'], 'profile.stats');
  const features: Record<string, ReferenceFeatureProfile> = {};
  for (const [name, f] of Object.entries(featuresJson)) {
    const path = `profile.features.${name}`;
    const fr = toRecord(f, path);
    const distinct = fr['distinct'] === undefined ? undefined : parseHyperLogLog(fr['distinct'], `${path}.distinct`);
    features[name] = {
      spec: parseSpec(fr['spec'], `${path}.spec`),
      quality: parseQualityCounts(fr['quality'], `${path}.quality`),
      ...(distinct === undefined ? {} : { distinct: toHyperLogLogJson(distinct) }),
      ...(fr['topK'] === undefined ? {} : { topK: parseTopK(fr['topK'], `${path}.topK`) }),
    };
  }
  const stats: WindowStats = {};
  for (const [name, s] of Object.entries(statsJson)) stats[name] = parseFeatureStats(s, `profile.stats.${name}`);
  return { version: 1, rows: toFinite(r['rows'], 'profile.rows', true), features, stats };
}
