// What every subject request does in common: wait for the index to catch up, look the subject up,
// read its records back, write tombstones, delete its pending joins, correct aggregates, and
// finish (receipt, request tombstone, deny-list entry, handled mark). Used by the actions.
import { REWRITE_HEADER, toTopicSubject } from '@driftline/kafka';
import type { RewriteKind } from '@driftline/kafka';
import { outcomeSchema, predictionLogSchema, subjectReceiptSchema, subjectRequestSchema } from '@driftline/schemas';
import type { SubjectRequest } from '@driftline/schemas';
import type { Logger } from '@driftline/service-kit';
import type { DenyList } from '../core/deny-list.ts';
import { PERSONAL_ROLES, toTombstones } from '../core/subject-records.ts';
import type { IndexedRecords, PersonalRole } from '../core/subject-records.ts';
import { toDenyKey } from '../core/subject-request.ts';
import type { EraseMode, ParsedRequest } from '../core/subject-request.ts';
import { toReceipt } from '../core/to-receipt.ts';
import type { EraserTopics } from '../config.ts';
import type { ExportStore } from '../exports/export-store.ts';
import type { EraserMetrics } from '../metrics.ts';
import type { AggregateCorrector, AvroSerde, Clock, CorrectionRecord, InboundMessage, MessagePublisher, MessageSource, MonitorTable, OutboundMessage, PendingJoinStore, Pseudonymizer, SubjectCrypto, SubjectIndexStore, SubjectKeyStore, TopicAdmin } from '../ports.ts';
import { readSubjectRecords } from '../read/read-subject-records.ts';
import type { SubjectRecordsRead } from '../read/read-subject-records.ts';

export interface ActionSettings {
  readonly topics: EraserTopics;
  /** The index consumer group: a request waits until it has consumed what was published before it. */
  readonly indexGroup: string;
  readonly deadlineMs: number;
  readonly guardTtlMs: number;
  readonly handledTtlMs: number;
  readonly downstreamWaitMs: number;
  readonly defaultMode: EraseMode;
}

export interface ActionDeps {
  readonly publisher: MessagePublisher;
  readonly admin: Pick<TopicAdmin, 'endOffsets' | 'committedOffsets'>;
  readonly serde: AvroSerde;
  readonly index: SubjectIndexStore;
  readonly keys: SubjectKeyStore;
  readonly crypto: SubjectCrypto;
  readonly pseudonymizer: Pseudonymizer;
  readonly pendingJoins: Pick<PendingJoinStore, 'deleteByRequestId' | 'unindexLabels'>;
  /** A source in a fresh consumer group (reading records back). */
  readonly readerSource: (groupId: string) => MessageSource;
  readonly monitors: Pick<MonitorTable, 'get'>;
  readonly aggregates: AggregateCorrector | undefined;
  readonly exports: ExportStore;
  readonly denyList: DenyList;
  readonly metrics: EraserMetrics;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly now: Clock;
  readonly newId: () => string;
  readonly sleep: (ms: number) => Promise<void>;
  readonly settings: ActionSettings;
}

/** Counts and notes of one request, for its receipt. */
export class Tally {
  readonly counts = new Map<string, number>();
  readonly notes: string[] = [];

  add(name: string, n: number): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + n);
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** Milliseconds per step, for the log line of the request (not the receipt). */
  readonly timings = new Map<string, number>();

  async timed<T>(step: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.timings.set(step, Math.round(performance.now() - started));
    }
  }
}

export type HandledRequest = Exclude<ParsedRequest, { kind: 'deny' }>;

export interface ActionContext {
  readonly deps: ActionDeps;
  /** The keyed pseudonym of the request's subject (a sealed id names its pseudonym). */
  pseudonymOf(subjectId: string): string;
  /** The guard id of a request id (a keyed hash). */
  readonly toGuardId: (requestId: string) => string;
  /** Waits until the index consumer has read everything published before now; false after the wait limit. */
  waitForIndex(tally: Tally): Promise<void>;
  read(records: IndexedRecords, roles: readonly PersonalRole[]): Promise<SubjectRecordsRead>;
  /** One tombstone per request id and personal-data topic of `roles`; counted per topic. */
  tombstone(records: IndexedRecords, roles: readonly PersonalRole[], tally: Tally): Promise<void>;
  /** Records rewritten under their key and partition, with the rewrite header. */
  rewrite(role: 'predictions' | 'outcomes', rewrites: readonly { message: InboundMessage; value: unknown }[], kind: RewriteKind): Promise<void>;
  deletePendingJoins(requestIds: readonly string[], tally: Tally): Promise<void>;
  /** Takes the records out of the aggregates (and puts their replacements in); waits while the aggregator has not folded them yet. */
  correctAggregates(id: string, records: readonly CorrectionRecord[], tally: Tally): Promise<void>;
  /** Receipt, the request's tombstone (and the deny-list entry of an erasure), then the handled mark. */
  finish(input: { request: HandledRequest; message: InboundMessage; pseudonym: string; tally: Tally; deny?: { mode: EraseMode; erasedAt: number } }): Promise<void>;
}

export function createActionContext(deps: ActionDeps): ActionContext {
  const { topics } = deps.settings;
  const topicOf: Record<PersonalRole, string> = { predictions: topics.predictions, labels: topics.labels, outcomes: topics.outcomes, 'dead-letters': topics.deadLetters };

  /** Whether the index group has committed every partition up to `ends`. */
  const caughtUp = async (ends: ReadonlyMap<string, Map<number, string>>): Promise<boolean> => {
    const committed = await Promise.all([...ends.keys()].map((topic) => deps.admin.committedOffsets(deps.settings.indexGroup, topic)));
    return [...ends.values()].every((byPartition, i) => [...byPartition].every(([p, end]) => Number(end) === 0 || Number(committed[i]?.get(p) ?? -1) >= Number(end)));
  };

  return {
    deps,
    pseudonymOf: (subjectId) => deps.crypto.pseudonymOf(subjectId) ?? deps.pseudonymizer.toPseudonym(subjectId),
    toGuardId: (requestId) => deps.pseudonymizer.toPseudonym(`request-id:${requestId}`),

    async waitForIndex(tally) {
      const topicsRead = PERSONAL_ROLES.map((role) => topicOf[role]);
      const ends = new Map((await Promise.all(topicsRead.map((t) => deps.admin.endOffsets(t)))).map((e, i) => [topicsRead[i] ?? '', e]));
      const until = deps.now() + deps.settings.downstreamWaitMs;
      while (!(await caughtUp(ends))) {
        if (deps.now() > until) { tally.note('the subject index had not read every record published before the request; records indexed later are erased on sight (deny list)'); return; }
        await deps.sleep(100);
      }
    },

    read: (records, roles) => readSubjectRecords({ admin: deps.admin, source: deps.readerSource, serde: deps.serde, topics }, { records, roles, groupId: `${deps.settings.indexGroup}-read-${deps.newId()}` }),

    async tombstone(records, roles, tally) {
      const wanted = new Set(roles);
      const out: OutboundMessage[] = toTombstones(records).filter((t) => wanted.has(t.role)).map((t) => ({ topic: topicOf[t.role], key: t.key, value: null, ...(t.partition === undefined ? {} : { partition: t.partition }) }));
      for (let i = 0; i < out.length; i += 5000) await deps.publisher.publish(out.slice(i, i + 5000));
      for (const role of roles) tally.add(role, out.filter((m) => m.topic === topicOf[role]).length);
    },

    async rewrite(role, rewrites, kind) {
      const encode = await deps.serde.encoderFor(toTopicSubject(topicOf[role]), role === 'predictions' ? predictionLogSchema : outcomeSchema);
      const out: OutboundMessage[] = rewrites.map((r) => ({ topic: topicOf[role], key: r.message.key, value: encode(r.value), partition: r.message.partition, headers: { [REWRITE_HEADER]: kind } }));
      for (let i = 0; i < out.length; i += 5000) await deps.publisher.publish(out.slice(i, i + 5000));
    },

    async deletePendingJoins(requestIds, tally) {
      let deleted = 0;
      for (let i = 0; i < requestIds.length; i += 500) {
        deleted += (await Promise.all(requestIds.slice(i, i + 500).map((id) => deps.pendingJoins.deleteByRequestId(id)))).reduce((a, b) => a + b, 0);
      }
      await Promise.all([...(await deps.admin.endOffsets(topics.labels)).keys()].map((partition) => deps.pendingJoins.unindexLabels(partition, requestIds)));
      tally.add('redis.pending-joins', deleted);
    },

    async correctAggregates(id, records, tally) {
      if (records.length === 0) return;
      if (deps.aggregates === undefined) { tally.note('aggregates were not corrected: no aggregator is configured (ERASER_AGGREGATOR_URL)'); return; }
      const sorted = [...records].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset))));
      const until = deps.now() + deps.settings.downstreamWaitMs;
      try {
        for (;;) {
          const summary = await deps.aggregates.correct({ id, records: sorted });
          const pending = summary.skipped['pending'] ?? 0;
          if (pending > 0 && deps.now() < until) { await deps.sleep(500); continue; }
          tally.add('aggregates.corrected', summary.applied + summary.alreadyApplied);
          for (const [reason, n] of Object.entries(summary.skipped)) if (n > 0) tally.add(`aggregates.skipped.${reason}`, n);
          for (const note of summary.notes) tally.note(note);
          return;
        }
      } catch (error) {
        deps.logger.warn({ err: error }, 'aggregates could not be corrected');
        tally.note(`aggregates were not corrected: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    async finish({ request, message, pseudonym, tally, deny }) {
      const receipt = toReceipt({ request, pseudonym, counts: tally.counts, notes: tally.notes, receivedAt: message.timestamp, completedAt: deps.now(), deadlineMs: deps.settings.deadlineMs });
      const receiptValue = await deps.serde.encode(toTopicSubject(topics.receipts), subjectReceiptSchema, receipt);
      // One send: should it fail halfway, the request is not marked handled and is done again.
      const closing: OutboundMessage[] = [
        { topic: topics.receipts, key: request.requestId, value: receiptValue },
        { topic: topics.requests, key: message.key, value: null, partition: message.partition },
      ];
      if (deny !== undefined) {
        const entry: SubjectRequest = {
          requestId: request.requestId, kind: 'ERASE', subjectId: null, mode: deny.mode === 'anonymize' ? 'ANONYMIZE' : 'DELETE', changes: null,
          requestedAt: request.requestedAt, subjectPseudonym: pseudonym, erasedAt: deny.erasedAt,
        };
        closing.push({ topic: topics.requests, key: toDenyKey(pseudonym), value: await deps.serde.encode(toTopicSubject(topics.requests), subjectRequestSchema, entry) });
      }
      await deps.publisher.publish(closing);
      await deps.index.markHandled(request.requestId, deps.settings.handledTtlMs);
    },
  };
}
