/**
 * Fold throughput of window statistics: 20 features (14 numeric, 5 categorical, 1 boolean) with
 * quality checks, as the aggregator folds records. Also times merge and JSON size of a window.
 * Run from the repo root: node_modules/.bin/node --conditions=source libs/stats/bench/record-bench.ts
 */
import {
  createProfileBuilder, createQualityCheck, createQualityCounts, createWindowRecorder, createWindowStatsLike,
  mergeFeatureStats, recordProfileRow, recordQuality, recordWindowRow, startHistogramPass, toReferenceProfile,
} from '../src/index.ts';
import type { FeatureSpec, QualityCountsState, WindowStats } from '../src/index.ts';

const numeric = Array.from({ length: 14 }, (_, i): FeatureSpec => ({ name: `x${i}`, type: 'numeric', range: { min: -1e9, max: 1e9 } }));
const categorical = Array.from({ length: 5 }, (_, i): FeatureSpec => ({ name: `c${i}`, type: 'categorical' }));
const specs: FeatureSpec[] = [...numeric, ...categorical, { name: 'flag', type: 'boolean' }];

let seed = 42;
function next(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
function makeRows(n: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < n; r += 1) {
    const row: Record<string, unknown> = {};
    numeric.forEach((s, i) => { row[s.name] = i % 2 === 0 ? Math.exp(10 * next()) : (next() - 0.5) * 1000; });
    categorical.forEach((s, i) => { row[s.name] = `v${Math.floor(next() * next() * (5 + 20 * i))}`; });
    row['flag'] = next() < 0.3;
    rows.push(row);
  }
  return rows;
}

const reference = makeRows(20_000);
const builder = createProfileBuilder(specs);
let t = performance.now();
for (const r of reference) recordProfileRow(builder, r);
startHistogramPass(builder);
for (const r of reference) recordProfileRow(builder, r);
const profile = toReferenceProfile(builder);
const profileMs = performance.now() - t;

const rows = makeRows(200_000);
const checks = specs.map((s) => createQualityCheck(s));
function fold(part: readonly Record<string, unknown>[]): { stats: WindowStats; quality: QualityCountsState[] } {
  const stats = createWindowStatsLike(profile.stats);
  const recorder = createWindowRecorder(specs, stats);
  const quality = specs.map(() => createQualityCounts());
  for (const row of part) {
    for (let i = 0; i < specs.length; i += 1) {
      const q = quality[i];
      const spec = specs[i];
      if (q !== undefined && spec !== undefined) recordQuality(q, checks[i]?.(row[spec.name]) ?? 'missing');
    }
    recordWindowRow(stats, recorder, row);
  }
  return { stats, quality };
}

fold(rows.slice(0, 20_000)); // warm-up
const runs: number[] = [];
for (let k = 0; k < 3; k += 1) {
  t = performance.now();
  fold(rows);
  runs.push(rows.length / ((performance.now() - t) / 1000));
}
const a = fold(rows.slice(0, 100_000)).stats;
const b = fold(rows.slice(100_000)).stats;
t = performance.now();
for (const name of Object.keys(a)) {
  const x = a[name];
  const y = b[name];
  if (x !== undefined && y !== undefined) mergeFeatureStats(x, y);
}
const mergeMs = performance.now() - t;

console.log(JSON.stringify({
  features: specs.length,
  records: rows.length,
  recordsPerSecond: runs.map((r) => Math.round(r)),
  bestRecordsPerSecond: Math.round(Math.max(...runs)),
  mergeWindowMs: Number(mergeMs.toFixed(2)),
  windowJsonBytes: JSON.stringify(a).length,
  profileJsonBytes: JSON.stringify(profile).length,
  profileBuild20kRowsMs: Math.round(profileMs),
}, null, 2));
