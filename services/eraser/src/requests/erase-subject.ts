// Erasure (Art. 17). `delete`: the subject's key is shredded first (every sealed copy becomes
// unreadable at once), its records are read back and taken out of the aggregates, every
// personal-data topic gets a tombstone per request id, the pending joins and index go, and the
// request ids are guarded against late records. `anonymize`: the records are rewritten under their
// keys without the subject id and personal features (the aggregates stay as they are), dead letters
// (which hold the original bytes) are tombstoned. Both end with a receipt and a deny-list entry.
import { RewriteKind } from '@driftline/kafka';
import { isEnvelope } from '@driftline/privacy';
import { toAnonymized } from '../core/rewrite-record.ts';
import { toRecordsUpTo } from '../core/subject-records.ts';
import type { ParsedRequest } from '../core/subject-request.ts';
import type { CorrectionRecord, InboundMessage } from '../ports.ts';
import { Tally } from './action-context.ts';
import type { ActionContext } from './action-context.ts';

type EraseRequest = Extract<ParsedRequest, { kind: 'erase' }>;

export async function eraseSubject(ctx: ActionContext, request: EraseRequest, message: InboundMessage): Promise<Tally> {
  const { deps } = ctx;
  const tally = new Tally();
  const pseudonym = ctx.pseudonymOf(request.subjectId);
  await tally.timed('wait-index', () => ctx.waitForIndex(tally));
  const erasedAt = deps.now();
  deps.denyList.add(pseudonym, erasedAt); // from now on, records of the subject are erased on sight
  const [shredded, records] = await tally.timed('shred-lookup', () => Promise.all([deps.keys.shred([pseudonym]), deps.index.lookup(pseudonym)]));
  tally.add('redis.data-keys', shredded);
  const requestIds = [...records.keys()];

  if (request.mode === 'delete') {
    // Pending joins and guards do not depend on the records: in parallel with reading them back.
    const aside = tally.timed('pending-joins', () => Promise.all([ctx.deletePendingJoins(requestIds, tally), deps.index.guard(requestIds.map((id) => ctx.toGuardId(id)), deps.settings.guardTtlMs)]));
    const read = await tally.timed('read', () => ctx.read(records, ['predictions', 'outcomes']));
    if (read.missing > 0) tally.add('records-already-gone', read.missing);
    const corrections: CorrectionRecord[] = [
      ...read.predictions.map((r) => ({ topic: 'predictions' as const, partition: r.message.partition, offset: r.message.offset, value: r.value })),
      ...read.outcomes.map((r) => ({ topic: 'outcomes' as const, partition: r.message.partition, offset: r.message.offset, value: r.value })),
    ];
    await tally.timed('aggregates', () => ctx.correctAggregates(request.requestId, corrections, tally));
    await tally.timed('tombstones', () => ctx.tombstone(records, ['predictions', 'labels', 'outcomes', 'dead-letters'], tally));
    await aside;
  } else {
    const read = await tally.timed('read', () => ctx.read(records, ['predictions', 'outcomes']));
    if (read.missing > 0) tally.add('records-already-gone', read.missing);
    await ctx.deletePendingJoins(requestIds, tally); // the rewrites take the place of what waits
    const piiOf = (modelId: string): ReadonlySet<string> => new Set(deps.monitors.get(modelId)?.spec.features.filter((f) => f.pii).map((f) => f.name) ?? []);
    const anonymized = <T extends { modelId: string; subjectId: string | null; features: Record<string, null | boolean | number | string>; slice: Record<string, string> }>(value: T): T =>
      toAnonymized(value, { piiFeatures: piiOf(value.modelId), isSealed: isEnvelope });
    await ctx.rewrite('predictions', read.predictions.map((r) => ({ message: r.message, value: anonymized(r.value) })), RewriteKind.ANONYMIZE);
    await ctx.rewrite('outcomes', read.outcomes.map((r) => ({ message: r.message, value: anonymized(r.value) })), RewriteKind.ANONYMIZE);
    tally.add('predictions.anonymized', read.predictions.length);
    tally.add('outcomes.anonymized', read.outcomes.length);
    await ctx.tombstone(records, ['dead-letters'], tally);
    tally.note('anonymized: records keep their keys and statistics without the subject id and personal features; the aggregates are unchanged');
  }
  tally.add('redis.index', [...records.values()].reduce((n, roles) => n + roles.size, 0));
  await tally.timed('finish', () => ctx.finish({ request, message, pseudonym, tally, deny: { mode: request.mode, erasedAt } }));
  await deps.index.forget(pseudonym, requestIds);
  return tally;
}

/** A deny-list entry seen on the request topic (normally right after its erasure; again after a replay): erase what is indexed up to it. */
export async function applyDenyEntry(ctx: ActionContext, input: { readonly pseudonym: string; readonly erasedAt: number }): Promise<number> {
  const { deps } = ctx;
  deps.denyList.add(input.pseudonym, input.erasedAt);
  await deps.keys.shred([input.pseudonym]);
  const records = await deps.index.lookup(input.pseudonym);
  const reached = toRecordsUpTo(records, input.erasedAt);
  if (reached.size === 0) return 0;
  const tally = new Tally();
  await ctx.tombstone(reached, ['predictions', 'labels', 'outcomes', 'dead-letters'], tally);
  await ctx.deletePendingJoins([...reached.keys()], tally);
  await deps.index.guard([...reached.keys()].map((id) => ctx.toGuardId(id)), deps.settings.guardTtlMs);
  if (reached.size === records.size) await deps.index.forget(input.pseudonym, [...reached.keys()]); // later records are a new relationship: kept
  return reached.size;
}
