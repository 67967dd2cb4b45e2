// Access and portability (Art. 15, 20): everything Driftline holds on the subject, sealed fields
// opened, as one JSON document, served once over HTTP (GET /v1/exports/<requestId>) and kept in
// memory only until then or until it expires.
import { createSubjectDocument } from '../core/subject-document.ts';
import type { ParsedRequest } from '../core/subject-request.ts';
import type { InboundMessage } from '../ports.ts';
import { Tally } from './action-context.ts';
import type { ActionContext } from './action-context.ts';

type AccessRequest = Extract<ParsedRequest, { kind: 'access' }>;

export async function accessSubject(ctx: ActionContext, request: AccessRequest, message: InboundMessage): Promise<Tally> {
  const { deps } = ctx;
  const tally = new Tally();
  const pseudonym = ctx.pseudonymOf(request.subjectId);
  await ctx.waitForIndex(tally);
  const records = await deps.index.lookup(pseudonym);
  const read = await ctx.read(records, ['predictions', 'labels', 'outcomes', 'dead-letters']);
  const [predictions, outcomes] = await Promise.all([deps.crypto.openRecords(read.predictions.map((r) => r.value)), deps.crypto.openRecords(read.outcomes.map((r) => r.value))]);
  const originals = await Promise.all(read.deadLetters.map(async (r) => {
    if (r.value.originalValue === null) return null;
    const bytes = Buffer.from(r.value.originalValue);
    try { return (deps.serde.decodeCached<unknown>(bytes) ?? await deps.serde.decode<unknown>(bytes)).value; } catch { return bytes.toString('base64'); }
  }));
  const document = createSubjectDocument({
    requestId: request.requestId, subjectId: request.subjectId, pseudonym, generatedAt: new Date(deps.now()).toISOString(),
    predictions: predictions.map((p) => p.record), labels: read.labels.map((r) => r.value), outcomes: outcomes.map((o) => o.record),
    deadLetters: read.deadLetters.map((r, i) => ({ ...r.value, originalValue: originals[i] ?? null })),
    shredded: [...predictions, ...outcomes].reduce((n, o) => n + o.shredded.length, 0),
  });
  deps.exports.put(request.requestId, document);
  tally.add('predictions', read.predictions.length);
  tally.add('labels', read.labels.length);
  tally.add('outcomes', read.outcomes.length);
  tally.add('dead-letters', read.deadLetters.length);
  tally.note(`export: GET /v1/exports/${request.requestId} on the eraser, once, until ${new Date(deps.exports.expiryOf(deps.now())).toISOString()}`);
  await ctx.finish({ request, message, pseudonym, tally });
  return tally;
}
