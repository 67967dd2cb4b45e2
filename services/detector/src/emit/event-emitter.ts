// Findings become DriftEvents exactly once (docs/detector.md, "One event per change"): each event
// has a deterministic id; before publishing, the detector claims the event's alert scope (model,
// version, slice, feature, kind) in Redis, which applies the cooldown across partitions, replicas
// and restarts; after publishing it confirms the claim. A claim found pending (a crash between
// claim and confirm) is resolved by looking for the event on the topic from the mark taken at claim
// time, so the event is published once whether or not the crash came before the publish.
import { createHash } from 'node:crypto';
import { toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, MessagePublisher, TopicAdmin } from '@driftline/kafka';
import type { DetectorStore } from '@driftline/redis-state';
import { driftEventSchema } from '@driftline/schemas';
import type { DriftEvent } from '@driftline/schemas';
import type { Logger } from '@driftline/service-kit';
import { SpanAttribute, TraceHeader, createTracing, startProducerSpan } from '@driftline/tracing';
import type { Tracing } from '@driftline/tracing';
import type { EventDraft } from '../core/detection-event.ts';
import { OVERALL } from '../core/partition-streams.ts';
import type { DetectorMetrics } from '../metrics.ts';

export interface EmitRequest {
  readonly draft: EventDraft;
  /** What makes the finding unique besides its scope and statistic (e.g. `predictions:2:1234` or `w:<start>`). */
  readonly anchor: string;
}

/** Looks for a published event on the drift-events topic, from per-partition offsets. */
export interface EventLog {
  contains(from: ReadonlyMap<number, string>, eventId: string): Promise<boolean>;
}

export interface EventEmitterDeps {
  readonly store: DetectorStore;
  readonly publisher: MessagePublisher;
  readonly serde: AvroSerde;
  readonly admin: Pick<TopicAdmin, 'endOffsets'>;
  readonly eventLog: EventLog;
  readonly topic: string;
  readonly redisPrefix: string;
  readonly now: () => number;
  readonly metrics: DetectorMetrics;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  /** The cooldown of a model (its spec's alerts.cooldown). */
  readonly cooldownOf: (modelId: string) => number;
  /** Slices known for a model (their scopes are the siblings of its overall scope). */
  readonly slicesOf: (modelId: string) => Iterable<string>;
  /** How long a claim stays in Redis after its event, ms (wall clock; at least the cooldown). */
  readonly claimTtlMs: number;
  /** Absent: tracing off (the contributing record's context is passed on unchanged). */
  readonly tracing?: Tracing;
}

export interface EventEmitter {
  /** Publishes each finding unless its scope is cooling down; resolves once all are published and confirmed. */
  emit(requests: readonly EmitRequest[]): Promise<DriftEvent[]>;
}

export function toEventId(draft: EventDraft, anchor: string): string {
  return createHash('sha256').update([draft.modelId, draft.modelVersion, draft.slice, draft.feature ?? '', draft.kind, draft.statistic, anchor].join('\u0000')).digest('hex').slice(0, 32);
}

export function createEventEmitter(deps: EventEmitterDeps): EventEmitter {
  const subject = toTopicSubject(deps.topic);
  const scopeOf = (d: EventDraft, slice: string): string =>
    `${deps.redisPrefix}det:{${d.modelId}}:cool:${encodeURIComponent(d.modelVersion)}|${slice}|${d.feature === null ? '-' : encodeURIComponent(d.feature)}|${d.kind}`;

  const tracing = deps.tracing ?? createTracing(undefined);

  /**
   * The event's span is a child of the record that made a streaming detector fire (a new trace for
   * a window finding); the event carries the span's context, in its header and its traceparent
   * field, so the trigger continues the same trace (docs/tracing.md).
   */
  const publish = async (event: DriftEvent): Promise<DriftEvent> => {
    const produced = startProducerSpan(tracing, {
      topic: deps.topic, ...(event.traceparent === null ? {} : { parent: { traceparent: event.traceparent } }),
      attributes: { [SpanAttribute.MODEL_ID]: event.modelId, [SpanAttribute.MODEL_VERSION]: event.modelVersion, [SpanAttribute.EVENT_ID]: event.eventId, [SpanAttribute.EVENT_KIND]: event.kind, [SpanAttribute.EVENT_SEVERITY]: event.severity },
    });
    const traced: DriftEvent = { ...event, traceparent: produced.headers[TraceHeader.TRACEPARENT] ?? null };
    try {
      const value = await deps.serde.encode(subject, driftEventSchema, traced);
      await deps.publisher.publish([{ topic: deps.topic, key: event.modelId, value, ...(traced.traceparent === null ? {} : { headers: produced.headers }) }]);
    } catch (error) {
      produced.end(error);
      throw error;
    }
    produced.end();
    return traced;
  };

  const emitOne = async (request: EmitRequest): Promise<DriftEvent | undefined> => {
    const { draft } = request;
    const eventId = toEventId(draft, request.anchor);
    const scope = scopeOf(draft, draft.slice);
    const siblings = draft.slice === OVERALL && draft.feature !== null ? [...deps.slicesOf(draft.modelId)].filter((s) => s !== OVERALL).map((s) => scopeOf(draft, s)) : [];
    const ends = await deps.admin.endOffsets(deps.topic);
    const cooldownMs = deps.cooldownOf(draft.modelId);
    const outcome = await deps.store.claimEvent({
      scope, eventId, eventTime: draft.windowEnd, cooldownMs, siblings, mark: JSON.stringify(Object.fromEntries(ends)), ttlMs: Math.max(deps.claimTtlMs, cooldownMs),
    });
    const event: DriftEvent = { ...draft, eventId, detectedAt: deps.now() };
    switch (outcome.status) {
      case 'suppressed':
        deps.metrics.suppressed.inc({ kind: draft.kind });
        return undefined;
      case 'done':
        deps.metrics.replayed.inc();
        return undefined;
      case 'pending': {
        const from = new Map(Object.entries(JSON.parse(outcome.mark) as Record<string, string>).map(([p, o]) => [Number(p), o]));
        if (await deps.eventLog.contains(from, eventId)) {
          deps.logger.info({ eventId, kind: draft.kind, modelId: draft.modelId }, 'event of an unconfirmed claim is on the topic already: confirming it');
          deps.metrics.replayed.inc();
          await deps.store.confirmEvent(scope, eventId);
          return undefined;
        }
        break;
      }
      case 'claimed':
        break;
    }
    const published = await publish(event);
    await deps.store.confirmEvent(scope, eventId);
    deps.metrics.events.inc({ model: draft.modelId, kind: draft.kind, severity: draft.severity });
    deps.logger.info({ eventId, kind: draft.kind, modelId: draft.modelId, version: draft.modelVersion, slice: draft.slice, feature: draft.feature, statistic: draft.statistic, severity: draft.severity }, 'drift event');
    return published;
  };

  return {
    async emit(requests) {
      const out: DriftEvent[] = [];
      for (const r of requests) {
        const event = await emitOne(r);
        if (event !== undefined) out.push(event);
      }
      return out;
    },
  };
}
