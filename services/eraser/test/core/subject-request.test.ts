import { describe, expect, it } from 'vitest';
import type { SubjectRequest } from '@driftline/schemas';
import { parseSubjectRequest, toDenyKey } from '../../src/core/subject-request.ts';

const base: SubjectRequest = { requestId: 'q-1', kind: 'ERASE', subjectId: 'alice', mode: null, changes: null, requestedAt: 1, subjectPseudonym: null, erasedAt: null };

describe('parseSubjectRequest', () => {
  it('reads an erasure with the default or the requested mode', () => {
    expect(parseSubjectRequest('q-1', base, 'delete')).toEqual({ ok: true, request: { kind: 'erase', requestId: 'q-1', subjectId: 'alice', mode: 'delete', requestedAt: 1 } });
    expect(parseSubjectRequest('q-1', { ...base, mode: 'ANONYMIZE' }, 'delete')).toMatchObject({ ok: true, request: { mode: 'anonymize' } });
    expect(parseSubjectRequest('q-1', { ...base, mode: 'DELETE' }, 'anonymize')).toMatchObject({ ok: true, request: { mode: 'delete' } });
  });

  it('reads a deny-list entry by its key', () => {
    const entry = { ...base, subjectId: null, subjectPseudonym: 'ps1_x', erasedAt: 5 };

    expect(parseSubjectRequest(toDenyKey('ps1_x'), entry, 'delete')).toEqual({ ok: true, request: { kind: 'deny', requestId: 'q-1', pseudonym: 'ps1_x', erasedAt: 5 } });
  });

  it.each([
    ['no subject', 'q-1', { subjectId: null }, 'DL_ERASER_NO_SUBJECT'],
    ['a blank subject', 'q-1', { subjectId: '  ' }, 'DL_ERASER_NO_SUBJECT'],
    ['a key that is not the request id', 'other', {}, 'DL_ERASER_KEY_MISMATCH'],
    ['a rectification without changes', 'q-1', { kind: 'RECTIFY' as const }, 'DL_ERASER_BAD_CHANGES'],
    ['a rectification of the timestamp', 'q-1', { kind: 'RECTIFY' as const, changes: { timestamp: 5 } }, 'DL_ERASER_BAD_CHANGES'],
    ['a slice attribute given a number', 'q-1', { kind: 'RECTIFY' as const, changes: { 'slice.region': 5 } }, 'DL_ERASER_BAD_CHANGES'],
  ])('refuses %s', (_what, key, overrides, problem) => {
    const result = parseSubjectRequest(key, { ...base, ...overrides }, 'delete');

    expect(result).toMatchObject({ ok: false, problem });
    expect(JSON.stringify(result)).not.toContain('alice');
  });

  it('accepts features (bare or prefixed) and slice attributes as changes', () => {
    expect(parseSubjectRequest('q-1', { ...base, kind: 'RECTIFY', changes: { age: 3, 'features.zip': null, 'slice.region': 'eu' } }, 'delete')).toMatchObject({ ok: true, request: { kind: 'rectify' } });
  });
});
