import { StatsError, isStatsError } from '../errors.ts';
import type { BaselineDocument, ReferenceBehaviour } from '../profile/baseline-document.ts';
import type { ReferenceProfile } from '../profile/profile-builder.ts';
import type { CoMomentsState } from '../accumulators/co-moments.ts';
import { parseCoMoments, parseOutcomeCounts } from './parse-outcomes.ts';
import { parseReferenceProfile } from './parse-profile.ts';
import { invalid, toFinite, toRecord, toStringArray } from './validate.ts';

function toText(value: unknown, path: string): string {
  return typeof value === 'string' ? value : invalid(path, 'a string');
}

/** The profile's own paths start at `profile`; report them from where the profile sits. */
function parseProfileAt(value: unknown, path: string): ReferenceProfile {
  try {
    return parseReferenceProfile(value);
  } catch (error) {
    if (!isStatsError(error)) throw error;
    const at = (text: string): string => (text.startsWith('profile') ? `${path}${text.slice('profile'.length)}` : text);
    const inner = error.context['path'];
    throw new StatsError(error.code, at(error.message), { context: { ...error.context, ...(typeof inner === 'string' ? { path: at(inner) } : {}) }, cause: error });
  }
}

function parseBehaviour(value: unknown, path: string): ReferenceBehaviour {
  const r = toRecord(value, path);
  const co = toRecord(r['coMoments'], `${path}.coMoments`);
  const coMoments: Record<string, CoMomentsState> = {};
  for (const [name, m] of Object.entries(co)) coMoments[name] = parseCoMoments(m, `${path}.coMoments.${name}`);
  return { outcomes: parseOutcomeCounts(r['outcomes'], `${path}.outcomes`), coMoments };
}

function parseBehaviours(value: unknown): NonNullable<BaselineDocument['behaviour']> {
  const r = toRecord(value, 'baseline.behaviour');
  const slicesJson = toRecord(r['slices'], 'baseline.behaviour.slices');
  const slices: Record<string, ReferenceBehaviour> = {};
  for (const [id, b] of Object.entries(slicesJson)) slices[id] = parseBehaviour(b, `baseline.behaviour.slices.${id}`);
  return { overall: parseBehaviour(r['overall'], 'baseline.behaviour.overall'), slices };
}

/**
 * Parses and validates a `driftline baseline` document (JSON already decoded), e.g. the
 * `profileJson` of a `monitors` record. Throws `DL_STATS_INVALID_STATE` naming the JSON path of
 * the first problem.
 */
export function parseBaselineDocument(value: unknown): BaselineDocument {
  const r = toRecord(value, 'baseline');
  if (r['kind'] !== 'driftline-baseline') invalid('baseline.kind', '"driftline-baseline"');
  if (r['version'] !== 1) invalid('baseline.version', '1');
  const source = toRecord(r['source'], 'baseline.source');
  const slicesJson = toRecord(r['slices'], 'baseline.slices');
  const slices: Record<string, ReferenceProfile> = {};
  for (const [id, p] of Object.entries(slicesJson)) slices[id] = parseProfileAt(p, `baseline.slices.${id}`);
  return {
    kind: 'driftline-baseline',
    version: 1,
    modelId: toText(r['modelId'], 'baseline.modelId'),
    createdAt: toText(r['createdAt'], 'baseline.createdAt'),
    source: { file: toText(source['file'], 'baseline.source.file'), format: toText(source['format'], 'baseline.source.format') },
    rows: toFinite(r['rows'], 'baseline.rows', true),
    skippedLines: toFinite(r['skippedLines'], 'baseline.skippedLines', true),
    bins: toFinite(r['bins'], 'baseline.bins', true),
    sliceKeys: toStringArray(r['sliceKeys'], 'baseline.sliceKeys'),
    maxValuesPerKey: toFinite(r['maxValuesPerKey'], 'baseline.maxValuesPerKey', true),
    overall: parseProfileAt(r['overall'], 'baseline.overall'),
    slices,
    ...(r['prediction'] === undefined ? {} : { prediction: parseProfileAt(r['prediction'], 'baseline.prediction') }),
    ...(r['behaviour'] === undefined ? {} : { behaviour: parseBehaviours(r['behaviour']) }),
  };
}
