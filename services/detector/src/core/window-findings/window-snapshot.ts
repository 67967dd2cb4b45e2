// One slice-window as the aggregator's read API returns it with `?detail=stats` (its WindowView
// plus the raw accumulators), parsed and validated. Services never import each other, so the shape
// is declared here (services/aggregator/src/core/window-view.ts is the writer).
import { parseCoMoments, parseFeatureStats, parseOutcomeCounts, parseQualityCounts, parseWindowStats } from '@driftline/stats';
import type { CoMomentsState, NumericFeatureStats, OutcomeCountsState, QualityCountsState, WindowStats } from '@driftline/stats';
import { invalidWindow, withWindowPath } from './window-input-error.ts';

/** The raw accumulators of a slice-window. */
export interface WindowSnapshotStats {
  readonly features: WindowStats;
  readonly score: NumericFeatureStats;
  /** Every declared feature, pii included (counts only). */
  readonly quality: Readonly<Record<string, QualityCountsState>>;
  readonly predictedLabels: Readonly<Record<string, number>>;
  /** Non-pii numeric feature (x) with the prediction score (y). */
  readonly coMoments: Readonly<Record<string, CoMomentsState>>;
  readonly outcomes: OutcomeCountsState;
}

export interface WindowSnapshot {
  readonly start: number;
  readonly end: number;
  readonly version: string;
  /** `overall`, or the aggregator's slice id `<key>=<value>` (both parts URI-encoded). */
  readonly slice: string;
  readonly records: number;
  readonly late: number;
  readonly outcomesLate: number;
  readonly stats: WindowSnapshotStats;
}

type Json = Readonly<Record<string, unknown>>;

function record(value: unknown, path: string): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : invalidWindow(path, 'an object');
}

function count(value: unknown, path: string): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : invalidWindow(path, 'a non-negative integer');
}

function time(value: unknown, path: string): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : invalidWindow(path, 'a finite number');
}

function text(value: unknown, path: string, empty: boolean): string {
  return typeof value === 'string' && (empty || value !== '') ? value : invalidWindow(path, empty ? 'a string' : 'a non-empty string');
}

function parseStats(value: unknown, path: string): WindowSnapshotStats {
  const r = record(value, path);
  return withWindowPath(() => {
    const score = parseFeatureStats(r['score'], `${path}.score`);
    if (score.kind !== 'numeric') invalidWindow(`${path}.score.kind`, '"numeric"');
    const quality: Record<string, QualityCountsState> = {};
    for (const [name, q] of Object.entries(record(r['quality'], `${path}.quality`))) quality[name] = parseQualityCounts(q, `${path}.quality.${name}`);
    const predictedLabels: Record<string, number> = {};
    for (const [label, n] of Object.entries(record(r['predictedLabels'], `${path}.predictedLabels`))) predictedLabels[label] = count(n, `${path}.predictedLabels.${label}`);
    const coMoments: Record<string, CoMomentsState> = {};
    for (const [name, m] of Object.entries(record(r['coMoments'], `${path}.coMoments`))) coMoments[name] = parseCoMoments(m, `${path}.coMoments.${name}`);
    return {
      features: parseWindowStats(r['features'], `${path}.features`),
      score,
      quality,
      predictedLabels,
      coMoments,
      outcomes: parseOutcomeCounts(r['outcomes'], `${path}.outcomes`),
    };
  });
}

/**
 * Parses one element of the read API's `windows` (or `views`) array. Throws
 * `DL_DETECT_INVALID_WINDOW` naming the JSON path of the first problem (`path` prefixes it).
 */
export function parseWindowSnapshot(value: unknown, path = 'window'): WindowSnapshot {
  const r = record(value, path);
  const start = time(r['start'], `${path}.start`);
  const end = time(r['end'], `${path}.end`);
  if (end <= start) invalidWindow(`${path}.end`, 'a time after start');
  return {
    start,
    end,
    version: text(r['version'], `${path}.version`, true),
    slice: text(r['slice'], `${path}.slice`, false),
    records: count(r['records'], `${path}.records`),
    late: count(r['late'], `${path}.late`),
    outcomesLate: count(r['outcomesLate'], `${path}.outcomesLate`),
    stats: parseStats(r['stats'], `${path}.stats`),
  };
}
