// The consume-loop handler of `erasure-requests`: one request at a time. A malformed request is
// dead-lettered by the eraser itself, without its bytes (they hold a plain subject id), and
// tombstoned. A request already handled (redelivered after a crash) only repeats its closing steps.
import { toTopicSubject } from '@driftline/kafka';
import type { DecodedMessage, HandlerInput, HandlerResult, RecordHandler } from '@driftline/kafka';
import { deadLetterSchema } from '@driftline/schemas';
import type { DeadLetter, SubjectRequest } from '@driftline/schemas';
import { parseSubjectRequest } from '../core/subject-request.ts';
import { accessSubject } from './access-subject.ts';
import { applyDenyEntry, eraseSubject } from './erase-subject.ts';
import { rectifySubject } from './rectify-subject.ts';
import type { ActionContext, Tally } from './action-context.ts';
import type { RequestKind, RequestOutcome } from '../metrics.ts';

const HEARTBEAT_MS = 2000;

export function createRequestHandler(ctx: ActionContext, options: { readonly service: string }): RecordHandler<SubjectRequest> {
  const { deps } = ctx;
  const { topics } = deps.settings;

  const refuse = async (record: DecodedMessage<SubjectRequest>, problem: string, detail: string): Promise<void> => {
    const { message } = record;
    const letter: DeadLetter = {
      reason: problem, detail, sourceTopic: message.topic, sourcePartition: message.partition, sourceOffset: message.offset,
      schemaId: record.schemaId, service: options.service, failedAt: deps.now(), originalValue: null,
    };
    const value = await deps.serde.encode(toTopicSubject(topics.deadLetters), deadLetterSchema, letter);
    await deps.publisher.publish([{ topic: topics.deadLetters, key: message.key, value }]);
    await deps.publisher.publish([{ topic: topics.requests, key: message.key, value: null, partition: message.partition }]);
  };

  /** Closing steps of a request handled before (the crash came after its receipt). */
  const repeat = async (record: DecodedMessage<SubjectRequest>, pseudonym: string, erase: boolean): Promise<void> => {
    await deps.publisher.publish([{ topic: topics.requests, key: record.message.key, value: null, partition: record.message.partition }]);
    if (erase) {
      const records = await deps.index.lookup(pseudonym);
      await deps.index.forget(pseudonym, [...records.keys()]);
    }
  };

  const handleOne = async (record: DecodedMessage<SubjectRequest>): Promise<{ kind: RequestKind; outcome: RequestOutcome }> => {
    const parsed = parseSubjectRequest(record.message.key?.toString() ?? null, record.value, deps.settings.defaultMode);
    if (!parsed.ok) {
      await refuse(record, parsed.problem, parsed.detail);
      return { kind: record.value.kind === 'ERASE' ? 'erase' : record.value.kind === 'ACCESS' ? 'access' : 'rectify', outcome: 'invalid' };
    }
    const request = parsed.request;
    if (request.kind === 'deny') {
      const erased = await applyDenyEntry(ctx, request);
      if (erased > 0) deps.logger.info({ pseudonym: request.pseudonym, requests: erased }, 'deny list: erased records indexed again (restore or replay)');
      return { kind: 'deny', outcome: 'completed' };
    }
    if (await deps.index.wasHandled(request.requestId)) {
      await repeat(record, ctx.pseudonymOf(request.subjectId), request.kind === 'erase');
      return { kind: request.kind, outcome: 'repeated' };
    }
    let tally: Tally;
    switch (request.kind) {
      case 'erase': tally = await eraseSubject(ctx, request, record.message); break;
      case 'access': tally = await accessSubject(ctx, request, record.message); break;
      case 'rectify': tally = await rectifySubject(ctx, request, record.message); break;
    }
    deps.logger.info({ requestId: request.requestId, kind: request.kind, pseudonym: ctx.pseudonymOf(request.subjectId), ms: Object.fromEntries(tally.timings) }, 'subject request handled');
    return { kind: request.kind, outcome: 'completed' };
  };

  const handleAll = async (records: readonly DecodedMessage<SubjectRequest>[]): Promise<HandlerResult> => {
    const idOf = (r: DecodedMessage<SubjectRequest>): string => `${r.message.partition}:${r.message.offset}`;
    deps.metrics.pending(records.map((r) => ({ id: idOf(r), receivedAt: r.message.timestamp })));
    for (const record of records) {
      const started = performance.now();
      const { kind, outcome } = await handleOne(record);
      deps.metrics.handled(idOf(record));
      deps.metrics.request(kind, outcome, (performance.now() - started) / 1000);
    }
    return { invalid: [] };
  };

  return {
    async handle({ records, heartbeat }: HandlerInput<SubjectRequest>): Promise<HandlerResult> {
      // A request about a person with many records can take longer than the session timeout.
      const beat = heartbeat === undefined ? undefined : setInterval(() => { heartbeat().catch((error: unknown) => { deps.logger.warn({ err: error }, 'heartbeat failed'); }); }, HEARTBEAT_MS);
      try {
        return await handleAll(records);
      } finally {
        clearInterval(beat);
      }
    },
  };
}
