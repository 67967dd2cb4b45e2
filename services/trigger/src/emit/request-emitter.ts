// Announces committed requests: publishes each to retrain-requests (key modelId, traceparent header
// of the request's span: a child of the newest triggering event, linked to the others),
// logs it (log channel), POSTs it to the webhook (webhook channel; on final failure a DeadLetter with
// the reason code), then removes its outbox entry. The process that committed a request holds its
// lease and announces it at once; `sweep` takes over entries whose lease expired (their process
// died): an entry not yet marked published is first looked for on the topic from the mark taken
// before its commit (by its request-id header), so it is published once whether the crash came
// before or after the publish.
import { parseWireFormat, toTopicSubject } from '@driftline/kafka';
import type { OutboundMessage } from '@driftline/kafka';
import { deadLetterSchema, retrainRequestSchema } from '@driftline/schemas';
import type { DeadLetter, RetrainRequest } from '@driftline/schemas';
import type { Logger } from '@driftline/service-kit';
import { SpanAttribute, TraceHeader, createTracing, startProducerSpan } from '@driftline/tracing';
import type { Tracing } from '@driftline/tracing';
import { triggerErrorCodes } from '../errors.ts';
import type { TriggerMetrics } from '../metrics.ts';
import type { AvroSerde, Clock, DocumentStore, MessagePublisher } from '../ports.ts';
import { parseOutboxValue, toOutboxValue } from './outbox-record.ts';
import type { OutboxRecord } from './outbox-record.ts';
import type { WebhookSender } from './webhook-sender.ts';

/** Header naming the request on the topic (how a sweep recognises a request published before a crash). */
export const REQUEST_ID_HEADER = 'driftline-request-id';

export interface RequestEmitterDeps {
  readonly store: Pick<DocumentStore, 'claimOutbox' | 'updateOutboxEntry' | 'deleteOutboxEntry'>;
  readonly outboxKey: string;
  readonly publisher: MessagePublisher;
  readonly serde: AvroSerde;
  readonly topics: { readonly retrainRequests: string; readonly deadLetters: string };
  /** Whether a request is on the topic at or after the mark (partition → offset). */
  readonly isPublished: (mark: ReadonlyMap<number, string>, requestId: string) => Promise<boolean>;
  /** Log each request (the log channel). */
  readonly log: boolean;
  /** The webhook channel, when configured. */
  readonly webhook?: WebhookSender;
  readonly metrics: Pick<TriggerMetrics, 'requests' | 'republished' | 'webhook' | 'webhookRetries'>;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly now: Clock;
  readonly leaseMs: number;
  /** Recorded in dead letters (the consumer group). */
  readonly service: string;
  /** Absent: tracing off (the triggering event's context is passed on unchanged). */
  readonly tracing?: Tracing;
}

export interface RequestEmitter {
  /** Publishes requests this process just committed; the webhook runs in the background. */
  deliver(records: readonly OutboxRecord[]): Promise<void>;
  /** Finishes requests whose owner died (lease expired); returns how many it took over. */
  sweep(): Promise<number>;
  /** Resolves when every background webhook delivery has ended. */
  idle(): Promise<void>;
}

export function createRequestEmitter(deps: RequestEmitterDeps): RequestEmitter {
  const subject = toTopicSubject(deps.topics.retrainRequests);
  const deadLetterSubject = toTopicSubject(deps.topics.deadLetters);
  const background = new Set<Promise<void>>();

  const encode = (request: RetrainRequest): Promise<Buffer> => deps.serde.encode(subject, retrainRequestSchema, request);

  const tracing = deps.tracing ?? createTracing(undefined);

  /**
   * Publishes the requests, each in a span that continues the newest triggering event's trace and
   * links the other events; returns the records with the request's own context (which the webhook carries).
   */
  const send = async (records: readonly OutboxRecord[]): Promise<OutboxRecord[]> => {
    const values = await Promise.all(records.map((r) => encode(r.request)));
    const spans = records.map((record) => startProducerSpan(tracing, {
      topic: deps.topics.retrainRequests, ...(record.traceparent === undefined ? {} : { parent: { traceparent: record.traceparent } }),
      links: (record.links ?? []).map((traceparent) => ({ traceparent })),
      attributes: { [SpanAttribute.MODEL_ID]: record.request.modelId, [SpanAttribute.MODEL_VERSION]: record.request.modelVersion, [SpanAttribute.RETRAIN_POLICIES]: record.request.reasons.map((r) => r.policy).join(',') },
    }));
    const messages: OutboundMessage[] = records.map((record, i) => ({
      topic: deps.topics.retrainRequests, key: record.request.modelId, value: values[i] ?? Buffer.alloc(0),
      headers: { [REQUEST_ID_HEADER]: record.request.requestId, ...spans[i]?.headers },
    }));
    try {
      await deps.publisher.publish(messages);
    } catch (error) {
      for (const span of spans) span.end(error);
      throw error;
    }
    for (const span of spans) span.end();
    return records.map((record, i) => {
      const traceparent = spans[i]?.headers[TraceHeader.TRACEPARENT];
      return traceparent === undefined ? record : { ...record, traceparent };
    });
  };

  const announced = (record: OutboxRecord): void => {
    for (const reason of record.request.reasons) deps.metrics.requests.inc({ policy: reason.policy });
    if (!deps.log) return;
    const { request } = record;
    deps.logger.info({
      requestId: request.requestId, modelId: request.modelId, modelVersion: request.modelVersion, policies: request.reasons.map((r) => r.policy),
      eventIds: request.reasons.flatMap((r) => r.eventIds), trainFrom: request.trainFrom, advice: request.advice,
    }, 'retraining requested');
  };

  const deadLetter = async (record: OutboxRecord, reason: string, detail: string): Promise<void> => {
    const value = await encode(record.request);
    const letter: DeadLetter = {
      reason, detail, sourceTopic: deps.topics.retrainRequests, sourcePartition: -1, sourceOffset: '-1', schemaId: parseWireFormat(value).schemaId,
      service: deps.service, failedAt: deps.now(), originalValue: value,
    };
    await deps.publisher.publish([{ topic: deps.topics.deadLetters, key: record.request.modelId, value: await deps.serde.encode(deadLetterSubject, deadLetterSchema, letter) }]);
  };

  /** The webhook (if any), then the entry goes. A failure here leaves the entry for a later sweep. */
  const finish = async (record: OutboxRecord): Promise<void> => {
    if (deps.webhook !== undefined) {
      const result = await deps.webhook.send(record.request, record.traceparent === undefined ? {} : { traceparent: record.traceparent });
      deps.metrics.webhook.inc({ outcome: result.outcome });
      deps.metrics.webhookRetries.inc(Math.max(0, result.attempts - 1));
      if (result.outcome !== 'delivered') {
        const reason = result.outcome === 'rejected' ? triggerErrorCodes.DL_TRIGGER_WEBHOOK_REJECTED : triggerErrorCodes.DL_TRIGGER_WEBHOOK_FAILED;
        deps.logger.warn({ requestId: record.request.requestId, modelId: record.request.modelId, reason, detail: result.detail }, 'webhook delivery failed; request dead-lettered');
        await deadLetter(record, reason, result.detail);
      }
    }
    await deps.store.deleteOutboxEntry(deps.outboxKey, record.request.requestId);
  };

  const inBackground = (records: readonly OutboxRecord[]): void => {
    for (const record of records) {
      const task = finish(record).catch((error: unknown) => {
        deps.logger.error({ err: error, requestId: record.request.requestId }, 'announcing a request failed; a sweep retries it after the lease');
      });
      background.add(task);
      void task.finally(() => background.delete(task));
    }
  };

  const markPublished = async (records: readonly OutboxRecord[]): Promise<OutboxRecord[]> => {
    const published = records.map((r) => ({ ...r, published: true }));
    if (deps.webhook !== undefined) {
      for (const r of published) await deps.store.updateOutboxEntry(deps.outboxKey, r.request.requestId, toOutboxValue(r));
    }
    return published;
  };

  return {
    async deliver(records) {
      if (records.length === 0) return;
      const sent = await send(records);
      for (const r of records) announced(r);
      inBackground(await markPublished(sent));
    },
    async sweep() {
      const now = deps.now();
      const claimed = await deps.store.claimOutbox(deps.outboxKey, { now, leaseUntil: now + deps.leaseMs, limit: 100 });
      const todo: OutboxRecord[] = [];
      for (const entry of claimed) {
        const record = parseOutboxValue(entry.value);
        if (record === undefined) { deps.logger.error({ requestId: entry.field }, 'outbox entry is not a request record; left in place'); continue; }
        if (record.published) { todo.push(record); continue; }
        const mark = new Map(Object.entries(record.mark).map(([p, offset]) => [Number(p), offset]));
        const found = await deps.isPublished(mark, record.request.requestId);
        const sent = found ? [record] : await send([record]);
        if (!found) {
          deps.metrics.republished.inc();
          announced(record);
        }
        deps.logger.info({ requestId: record.request.requestId, modelId: record.request.modelId, foundOnTopic: found }, 'took over a request left by a stopped instance');
        todo.push(...await markPublished(sent));
      }
      inBackground(todo);
      return claimed.length;
    },
    async idle() {
      while (background.size > 0) await Promise.all([...background]);
    },
  };
}
