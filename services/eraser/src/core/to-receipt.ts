// The SubjectReceipt of a handled request (pure): pseudonym only, counts per topic and store.
import type { SubjectReceipt } from '@driftline/schemas';
import type { ParsedRequest } from './subject-request.ts';

export function toReceipt(input: {
  readonly request: Exclude<ParsedRequest, { kind: 'deny' }>;
  readonly pseudonym: string;
  readonly counts: ReadonlyMap<string, number>;
  readonly notes: readonly string[];
  readonly receivedAt: number;
  readonly completedAt: number;
  readonly deadlineMs: number;
}): SubjectReceipt {
  const kind = input.request.kind === 'erase' ? 'ERASE' : input.request.kind === 'access' ? 'ACCESS' : 'RECTIFY';
  return {
    requestId: input.request.requestId,
    kind,
    subjectPseudonym: input.pseudonym,
    counts: Object.fromEntries([...input.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    receivedAt: input.receivedAt,
    completedAt: input.completedAt,
    deadline: input.receivedAt + input.deadlineMs,
    notes: [...input.notes],
  };
}
