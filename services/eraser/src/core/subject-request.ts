// A subject request as the eraser acts on it, parsed from an `erasure-requests` record (pure).
// Records keyed `deny:<pseudonym>` are the deny list the eraser itself writes after an erasure.
import type { SubjectRequest } from '@driftline/schemas';
import { requestProblems } from './request-problems.ts';
import type { RequestProblem } from './request-problems.ts';

export type FeatureValue = null | boolean | number | string;

/** Corrections of a rectification: feature name → value, or `slice.<attribute>` → string value. */
export type Changes = Readonly<Record<string, FeatureValue>>;

export type EraseMode = 'delete' | 'anonymize';

export type ParsedRequest =
  | { readonly kind: 'erase'; readonly requestId: string; readonly subjectId: string; readonly mode: EraseMode; readonly requestedAt: number }
  | { readonly kind: 'access'; readonly requestId: string; readonly subjectId: string; readonly requestedAt: number }
  | { readonly kind: 'rectify'; readonly requestId: string; readonly subjectId: string; readonly changes: Changes; readonly requestedAt: number }
  /** A deny-list entry: records of `pseudonym` with an event time up to `erasedAt` are erased wherever they appear. */
  | { readonly kind: 'deny'; readonly requestId: string; readonly pseudonym: string; readonly erasedAt: number };

export type ParseResult = { readonly ok: true; readonly request: ParsedRequest } | { readonly ok: false; readonly problem: RequestProblem; readonly detail: string };

export const DENY_KEY_PREFIX = 'deny:';

/** The record key of the deny-list entry of a pseudonym. */
export function toDenyKey(pseudonym: string): string {
  return `${DENY_KEY_PREFIX}${pseudonym}`;
}

/** Names that are not features: a rectification cannot change them. */
const FIXED = new Set(['requestId', 'modelId', 'modelVersion', 'timestamp', 'subjectId', 'prediction', 'label', 'value']);

export function parseSubjectRequest(key: string | null, value: SubjectRequest, defaultMode: EraseMode): ParseResult {
  if (key?.startsWith(DENY_KEY_PREFIX) === true && value.subjectPseudonym !== null && value.erasedAt !== null) {
    return { ok: true, request: { kind: 'deny', requestId: value.requestId, pseudonym: value.subjectPseudonym, erasedAt: value.erasedAt } };
  }
  if (key !== value.requestId) return { ok: false, problem: requestProblems.DL_ERASER_KEY_MISMATCH, detail: 'the record key must be the requestId (the request is tombstoned under its key)' };
  if (value.subjectId === null || value.subjectId.trim() === '') return { ok: false, problem: requestProblems.DL_ERASER_NO_SUBJECT, detail: 'the request names no subject' };
  const base = { requestId: value.requestId, subjectId: value.subjectId, requestedAt: value.requestedAt };
  switch (value.kind) {
    case 'ERASE': return { ok: true, request: { ...base, kind: 'erase', mode: value.mode === null ? defaultMode : value.mode === 'ANONYMIZE' ? 'anonymize' : 'delete' } };
    case 'ACCESS': return { ok: true, request: { ...base, kind: 'access' } };
    case 'RECTIFY': {
      const problem = toChangesProblem(value.changes);
      if (problem !== undefined) return { ok: false, problem: requestProblems.DL_ERASER_BAD_CHANGES, detail: problem };
      return { ok: true, request: { ...base, kind: 'rectify', changes: value.changes ?? {} } };
    }
  }
}

/** Why a rectification's changes cannot be applied; undefined when they can. Names only, never values. */
function toChangesProblem(changes: SubjectRequest['changes']): string | undefined {
  if (changes === null || Object.keys(changes).length === 0) return 'a rectification needs at least one change';
  for (const [name, value] of Object.entries(changes)) {
    const field = name.startsWith('features.') ? name.slice('features.'.length) : name;
    if (field === '' || FIXED.has(field)) return `"${name}" cannot be rectified: only features and slice attributes (slice.<name>) can`;
    if (field.startsWith('slice.') && (typeof value !== 'string' || field.length === 'slice.'.length)) return `"${name}" must name a slice attribute and give it a string`;
  }
  return undefined;
}
