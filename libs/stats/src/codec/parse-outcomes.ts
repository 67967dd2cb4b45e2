import type { CoMomentsState } from '../accumulators/co-moments.ts';
import type { OutcomeCountsState } from '../accumulators/outcome-counts.ts';
import { toFinite, toRecord } from './validate.ts';

/** A record of name → non-negative integer count. */
function parseCountRecord(value: unknown, path: string): Record<string, number> {
  const r = toRecord(value, path);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(r)) out[k] = toFinite(v, `${path}.${k}`, true);
  return out;
}

/** Parses co-moment sums (`{ n, sx, sy, sxx, syy, sxy }`). */
export function parseCoMoments(value: unknown, path = 'coMoments'): CoMomentsState {
  const r = toRecord(value, path);
  const f = (k: string): number => toFinite(r[k], `${path}.${k}`);
  return { n: toFinite(r['n'], `${path}.n`, true), sx: f('sx'), sy: f('sy'), sxx: f('sxx'), syy: f('syy'), sxy: f('sxy') };
}

/** Parses outcome counts (`{ n, labels, confusion, errors }`; other fields are ignored). */
export function parseOutcomeCounts(value: unknown, path = 'outcomes'): OutcomeCountsState {
  const r = toRecord(value, path);
  const e = toRecord(r['errors'], `${path}.errors`);
  return {
    n: toFinite(r['n'], `${path}.n`, true),
    labels: parseCountRecord(r['labels'], `${path}.labels`),
    confusion: parseCountRecord(r['confusion'], `${path}.confusion`),
    errors: {
      n: toFinite(e['n'], `${path}.errors.n`, true),
      sum: toFinite(e['sum'], `${path}.errors.sum`),
      sumSq: toFinite(e['sumSq'], `${path}.errors.sumSq`),
      sumAbs: toFinite(e['sumAbs'], `${path}.errors.sumAbs`),
    },
  };
}
