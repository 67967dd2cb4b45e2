// The joiner's record handler for the shared consume loop: stores each arriving side, decides with
// the core, claims each resolution once in the store, produces it, then confirms it (complete).
//
// Crash safety (at least once, duplicates only in one narrow window): a resolution is claimed with
// the tag of the record (or sweep) that decided it and holds the exact message to produce. If the
// process dies before `complete`, the same record is redelivered (its offset was not committed)
// and finds its own unconfirmed claim, so it produces the stored message again. A duplicate on the
// topic therefore needs a crash after the produce was acknowledged and before `complete` returned;
// it is byte-identical and has the same key.
//
// Personal data at rest: a waiting prediction of a subject, and the Outcome claimed for it, are
// sealed under the subject's data key (@driftline/privacy) before they reach the store. Erasing the
// subject shreds the key; a sealed side whose key is gone is forgotten (the request id's pending
// state is deleted), a sealed resolution is confirmed without being produced.
import { isKafkaError, kafkaErrorCodes, toTopicSubject } from '@driftline/kafka';
import type { DecodedMessage, HandlerInput, InboundMessage, OutboundMessage, RecordHandler } from '@driftline/kafka';
import { deadLetterSchema, outcomeSchema } from '@driftline/schemas';
import type { GroundTruth, PredictionLog } from '@driftline/schemas';
import type { Logger } from '@driftline/service-kit';
import { SpanAttribute, createTracing, hasTraceContext, startProducerSpan } from '@driftline/tracing';
import type { Tracing } from '@driftline/tracing';
import { decideArrival, decideResolved, decideSweep } from './core/join-decision.ts';
import type { JoinAction, WaitingSide } from './core/join-decision.ts';
import { resolvePair } from './core/resolve-pair.ts';
import type { PairResolution } from './core/resolve-pair.ts';
import { unmatchedLabelReasons } from './core/reasons.ts';
import type { UnmatchedLabelReason } from './core/reasons.ts';
import { JoinerError, joinerErrorCodes } from './errors.ts';
import type { JoinerMetrics } from './metrics.ts';
import type { AvroSerde, ClaimRequest, Clock, MessagePublisher, PayloadCrypto, PendingJoinStore } from './ports.ts';
import { toDeadLetter } from './records/dead-letter.ts';
import { parseStoredMessage, parseStoredOutbound, toStoredMessage, toStoredOutbound, toTag } from './records/stored-record.ts';

export interface JoinHandlerDeps {
  readonly store: PendingJoinStore;
  /** Seals what the store keeps of a subject's records under the subject's data key. */
  readonly crypto: PayloadCrypto;
  readonly publisher: MessagePublisher;
  readonly serde: AvroSerde;
  readonly metrics: JoinerMetrics;
  readonly logger: Logger;
  readonly topics: { readonly predictions: string; readonly labels: string; readonly outcomes: string; readonly deadLetters: string };
  readonly windowMs: number;
  readonly graceMs: number;
  /** Recorded in dead letters (the consumer group). */
  readonly service: string;
  readonly now: Clock;
  /** Due labels handled per sweep step. */
  readonly sweepBatch?: number;
  /** Spans of produced outcomes (absent: tracing off; the prediction's context still passes to its outcome). */
  readonly tracing?: Tracing;
}

type Side = 'prediction' | 'label';
interface Item { readonly requestId: string; readonly side: Side; readonly tag: string; readonly action: JoinAction }
type Effect = { readonly kind: 'matched'; readonly delayMs: number } | { readonly kind: 'unmatched'; readonly reason: UnmatchedLabelReason } | { readonly kind: 'republished' };
/** `message` undefined: the resolution was sealed under a shredded key, so it is confirmed, not produced. */
interface Emission { readonly requestId: string; readonly tag: string; readonly message: OutboundMessage | undefined; readonly effect: Effect }
/** A claim before its payload is sealed (`pseudonym`: the subject it is sealed for, if any). */
interface ClaimDraft {
  readonly requestId: string;
  readonly tag: string;
  readonly side: Side;
  readonly kind: string;
  readonly plaintext: string;
  readonly pseudonym: string | undefined;
  readonly effect: Effect;
  readonly expectPredictionTag: string | undefined;
  readonly expectLabelTag: string | undefined;
}

const OUTCOME = 'outcome';

export function createJoinHandler(deps: JoinHandlerDeps): RecordHandler<PredictionLog | GroundTruth> {
  const sweepBatch = deps.sweepBatch ?? 1000;
  const log = deps.logger.child({ module: 'join-handler' });
  const outcomeSubject = toTopicSubject(deps.topics.outcomes);
  const deadLetterSubject = toTopicSubject(deps.topics.deadLetters);
  const tracing = deps.tracing ?? createTracing(undefined);

  /**
   * An outcome's trace headers: its span continues the prediction's trace (the label's, when only
   * the label has one) and links the label's. No span for untraced pairs (docs/tracing.md).
   */
  const toOutcomeHeaders = (prediction: InboundMessage | undefined, label: InboundMessage, predicted: PredictionLog | undefined): Readonly<Record<string, string>> => {
    const fromPrediction = hasTraceContext(prediction?.headers);
    if (!fromPrediction && !hasTraceContext(label.headers)) return {};
    const produced = startProducerSpan(tracing, {
      topic: deps.topics.outcomes, parent: fromPrediction ? prediction?.headers ?? {} : label.headers, links: fromPrediction ? [label.headers] : [],
      attributes: predicted === undefined ? {} : { [SpanAttribute.MODEL_ID]: predicted.modelId, [SpanAttribute.MODEL_VERSION]: predicted.modelVersion },
    });
    produced.end();
    return produced.headers;
  };

  const decode = async <T>(message: InboundMessage): Promise<T> => {
    const bytes = message.value ?? Buffer.alloc(0);
    return (deps.serde.decodeCached<T>(bytes) ?? await deps.serde.decode<T>(bytes)).value;
  };

  const toOutbound = (kind: string, payload: string): OutboundMessage =>
    parseStoredOutbound(payload, kind === OUTCOME ? deps.topics.outcomes : deps.topics.deadLetters);

  /** Opens every sealed payload once per chunk (one key lookup); undefined values are shredded. */
  const openAll = async (payloads: readonly string[]): Promise<ReadonlyMap<string, string | undefined>> => {
    const unique = [...new Set(payloads)];
    const opened = await deps.crypto.openPayloads(unique);
    return new Map(unique.map((p, i) => [p, opened[i]]));
  };

  /** Encodes an Outcome; a pair that does not fit the schema is bad input: its label is dead-lettered. */
  const toEncodedOutcome = async (pair: PairResolution): Promise<{ kind: 'outcome'; bytes: Buffer; delayMs: number } | { kind: 'reject'; reason: UnmatchedLabelReason; detail: string }> => {
    if (pair.kind === 'reject') return pair;
    const encode = await deps.serde.encoderFor(outcomeSubject, outcomeSchema);
    try {
      return { kind: 'outcome', bytes: encode(pair.outcome), delayMs: pair.outcome.labelDelayMs };
    } catch (error) {
      if (!isKafkaError(error) || error.code !== kafkaErrorCodes.DL_KAFKA_AVRO_ENCODE) throw error;
      // Not the encoder's message: it may quote record values (personal data).
      return { kind: 'reject', reason: unmatchedLabelReasons.DL_JOINER_INVALID_OUTCOME, detail: 'the joined prediction and label do not fit the Outcome schema (e.g. a per-model prediction record)' };
    }
  };

  /**
   * The claim for an action that resolves a request id, with the message it will produce (sealed
   * later, with the others of the chunk, when it carries a subject); `shredded` when the waiting
   * prediction was sealed under a key that is gone (its subject was erased).
   */
  const toClaim = async (item: Item, prediction: WaitingSide | undefined, label: WaitingSide, opened: ReadonlyMap<string, string | undefined>): Promise<{ kind: 'claim'; draft: ClaimDraft } | { kind: 'shredded' }> => {
    const predictionPayload = prediction === undefined ? undefined : opened.get(prediction.payload);
    const labelPayload = opened.get(label.payload);
    if ((prediction !== undefined && predictionPayload === undefined) || labelPayload === undefined) return { kind: 'shredded' };
    const labelMessage = parseStoredMessage(labelPayload);
    const predictionMessage = predictionPayload === undefined ? undefined : parseStoredMessage(predictionPayload);
    const predicted = predictionMessage === undefined ? undefined : await decode<PredictionLog>(predictionMessage);
    const pair = predicted === undefined
      ? { kind: 'reject' as const, reason: unmatchedLabelReasons.DL_JOINER_UNKNOWN_PREDICTION, detail: 'no prediction with this requestId arrived before the predictions passed the label event time plus the grace' }
      : resolvePair(predicted, await decode<GroundTruth>(labelMessage), { windowMs: deps.windowMs });
    const resolved = await toEncodedOutcome(pair);
    const base = { requestId: item.requestId, tag: item.tag, side: item.side, expectPredictionTag: prediction?.tag, expectLabelTag: label.tag };
    if (resolved.kind === 'outcome') {
      const pseudonym = deps.crypto.pseudonymOf(predicted?.subjectId ?? null);
      const headers = toOutcomeHeaders(predictionMessage, labelMessage, predicted);
      return { kind: 'claim', draft: { ...base, kind: OUTCOME, plaintext: toStoredOutbound({ key: item.requestId, value: resolved.bytes, headers }), pseudonym, effect: { kind: 'matched', delayMs: resolved.delayMs } } };
    }
    const encode = await deps.serde.encoderFor(deadLetterSubject, deadLetterSchema);
    const letter = toDeadLetter(labelMessage, { reason: resolved.reason, detail: resolved.detail, service: deps.service, failedAt: deps.now() });
    return { kind: 'claim', draft: { ...base, kind: resolved.reason, plaintext: toStoredOutbound({ key: labelMessage.key, value: encode(letter) }), pseudonym: undefined, effect: { kind: 'unmatched', reason: resolved.reason } } };
  };

  /** Seals the drafts that carry a subject (one key lookup for the chunk) and turns them into claims. */
  const toClaims = async (drafts: readonly ClaimDraft[]): Promise<{ request: ClaimRequest; effect: Effect; side: Side }[]> => {
    const toSeal = drafts.flatMap((d, i) => (d.pseudonym === undefined ? [] : [{ i, pseudonym: d.pseudonym, plaintext: d.plaintext }]));
    const sealed = await deps.crypto.sealPayloads(toSeal);
    const payloads = drafts.map((d) => d.plaintext);
    toSeal.forEach((t, k) => { payloads[t.i] = sealed[k] ?? t.plaintext; });
    return drafts.map((d, i) => ({
      request: { requestId: d.requestId, tag: d.tag, kind: d.kind, payload: payloads[i] ?? d.plaintext, expectPredictionTag: d.expectPredictionTag, expectLabelTag: d.expectLabelTag },
      effect: d.effect, side: d.side,
    }));
  };

  /** Claims, produces and confirms the resolutions the items call for; unindexes their labels. */
  const settle = async (items: readonly Item[], partition: number): Promise<void> => {
    const opened = await openAll(items.flatMap(({ action }) => {
      switch (action.kind) {
        case 'resolve': return [action.prediction.payload, action.label.payload];
        case 'unknown': return [action.label.payload];
        case 'republish': return [action.resolution.payload];
        case 'ignore': case 'wait': case 'wait-label': case 'forget': return [];
      }
    }));
    const drafts: ClaimDraft[] = [];
    const emissions: Emission[] = [];
    const settled: string[] = [];
    const forgotten: string[] = [];
    /** A resolution to produce, unless its payload was sealed under a shredded key: then it is only confirmed. */
    const emit = (requestId: string, tag: string, resolution: { kind: string; payload: string }, effect: Effect, payload: string | undefined): void => {
      if (payload === undefined) { emissions.push({ requestId, tag, message: undefined, effect }); return; }
      emissions.push({ requestId, tag, message: toOutbound(resolution.kind, payload), effect });
    };
    for (const item of items) {
      const { action } = item;
      switch (action.kind) {
        case 'resolve':
        case 'unknown': {
          const claim = await toClaim(item, action.kind === 'resolve' ? action.prediction : undefined, action.label, opened);
          if (claim.kind === 'shredded') forgotten.push(item.requestId);
          else drafts.push(claim.draft);
          break;
        }
        case 'republish': emit(item.requestId, item.tag, action.resolution, { kind: 'republished' }, opened.get(action.resolution.payload)); break;
        case 'ignore': deps.metrics.ignored(item.side, action.reason); if (action.reason === 'resolved') settled.push(item.requestId); break;
        case 'wait': case 'wait-label': case 'forget': break;
      }
    }
    const claims = await toClaims(drafts);
    const results = await deps.store.claim(claims.map((c) => c.request));
    const claimed = results.flatMap((r) => (r.status === 'stale' ? [] : [r.resolution.payload]));
    const openedClaims = await openAll(claimed);
    let conflicts = 0;
    results.forEach((result, i) => {
      const claim = claims[i];
      if (claim === undefined) return;
      const { requestId, tag } = claim.request;
      if (result.status === 'stale') { conflicts++; return; }
      if (result.status === 'claimed') { emit(requestId, tag, result.resolution, claim.effect, openedClaims.get(result.resolution.payload)); return; }
      const again = decideResolved(result.resolution, tag);
      if (again.kind === 'republish') emit(requestId, tag, result.resolution, { kind: 'republished' }, openedClaims.get(result.resolution.payload));
      else { deps.metrics.ignored(claim.side, 'resolved'); settled.push(requestId); }
    });
    if (emissions.length > 0) {
      await deps.publisher.publish(emissions.flatMap((e) => (e.message === undefined ? [] : [e.message])));
      await deps.store.complete(emissions.map(({ requestId, tag }) => ({ requestId, tag })));
    }
    let republished = 0;
    for (const { effect, message } of emissions) {
      if (message === undefined) deps.metrics.ignored('prediction', 'erased');
      else if (effect.kind === 'matched') deps.metrics.matched(effect.delayMs);
      else if (effect.kind === 'unmatched') deps.metrics.unmatched(effect.reason);
      else republished++;
    }
    if (republished > 0) { deps.metrics.republished(republished); log.info({ partition, republished }, 'republished resolutions claimed before a restart'); }
    for (const requestId of forgotten) { await deps.store.deleteByRequestId(requestId); deps.metrics.ignored('prediction', 'erased'); }
    await deps.store.unindexLabels(partition, [...settled, ...forgotten, ...emissions.map((e) => e.requestId)]);
    if (conflicts > 0) {
      throw new JoinerError({ code: joinerErrorCodes.DL_JOINER_STATE_CHANGED, retriable: true, message: `${conflicts} pending joins changed between read and claim; retrying the chunk`, context: { partition, conflicts } });
    }
  };

  /** Gives up on labels whose prediction can no longer arrive (event time past the grace). */
  const sweep = async (partition: number, streamTime: number): Promise<void> => {
    const sweepTag = `sweep:${partition}`;
    for (;;) {
      const due = await deps.store.dueLabels(partition, streamTime - deps.graceMs, sweepBatch);
      if (due.length === 0) break;
      const views = await deps.store.peek(due);
      await settle(due.map((requestId, i) => ({ requestId, side: 'label', tag: sweepTag, action: decideSweep({ sweepTag, view: views[i] ?? {} }) })), partition);
      await deps.store.unindexLabels(partition, due);
      if (due.length < sweepBatch) break;
    }
    deps.metrics.pending(partition, await deps.store.countWaitingLabels(partition));
  };

  const arrive = async (side: Side, partition: number, records: readonly DecodedMessage<PredictionLog | GroundTruth>[]): Promise<void> => {
    // A prediction about a subject waits sealed under the subject's key (labels carry no subject).
    const pseudonyms = records.map((r) => ('subjectId' in r.value ? deps.crypto.pseudonymOf(r.value.subjectId) : undefined));
    const plain = records.map((r) => toStoredMessage(r.message));
    const toSeal = pseudonyms.flatMap((pseudonym, i) => (pseudonym === undefined ? [] : [{ i, pseudonym, plaintext: plain[i] ?? '' }]));
    const sealed = await deps.crypto.sealPayloads(toSeal);
    toSeal.forEach((t, k) => { plain[t.i] = sealed[k] ?? ''; });
    const arrivals = records.map((r, i) => ({ requestId: r.value.requestId, side, tag: toTag(side, r.message), entry: { tag: toTag(side, r.message), eventTime: r.value.timestamp, payload: plain[i] ?? '' } }));
    const views = await deps.store.join(arrivals);
    const progress = { streamTime: side === 'label' ? await deps.store.streamTime(partition) : undefined, graceMs: deps.graceMs };
    const items = arrivals.map((a, i): Item => ({ requestId: a.requestId, side, tag: a.tag, action: decideArrival({ side, tag: a.tag, view: views[i] ?? {}, progress }) }));
    await settle(items, partition);
    await deps.store.indexWaitingLabels(partition, items.flatMap((i) => (i.action.kind === 'wait-label' ? [{ requestId: i.requestId, eventTime: i.action.label.eventTime }] : [])));
  };

  return {
    async handle({ topic, partition, records, tombstones }: HandlerInput<PredictionLog | GroundTruth>) {
      const side: Side = topic === deps.topics.predictions ? 'prediction' : 'label';
      // An erasure tombstone (keyed by requestId) removes whatever the joiner holds for it.
      for (const t of tombstones) if (t.key !== null) await deps.store.deleteByRequestId(t.key.toString());
      if (records.length === 0) return { invalid: [] };
      if (side === 'label') deps.metrics.labelsConsumed(records.length);
      await arrive(side, partition, records);
      if (side === 'prediction') {
        const streamTime = await deps.store.advanceStreamTime(partition, Math.max(...records.map((r) => r.value.timestamp)));
        await sweep(partition, streamTime);
      }
      return { invalid: [] };
    },
  };
}
