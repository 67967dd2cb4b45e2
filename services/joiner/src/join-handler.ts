// The joiner's record handler for the shared consume loop: stores each arriving side, decides with
// the core, claims each resolution once in the store, produces it, then confirms it (complete).
//
// Crash safety (at least once, duplicates only in one narrow window): a resolution is claimed with
// the tag of the record (or sweep) that decided it and holds the exact message to produce. If the
// process dies before `complete`, the same record is redelivered (its offset was not committed)
// and finds its own unconfirmed claim, so it produces the stored message again. A duplicate on the
// topic therefore needs a crash after the produce was acknowledged and before `complete` returned;
// it is byte-identical and has the same key.
import { isKafkaError, kafkaErrorCodes, toTopicSubject } from '@driftline/kafka';
import type { DecodedMessage, HandlerInput, InboundMessage, OutboundMessage, RecordHandler } from '@driftline/kafka';
import { deadLetterSchema, outcomeSchema } from '@driftline/schemas';
import type { GroundTruth, PredictionLog } from '@driftline/schemas';
import type { Logger } from '@driftline/service-kit';
import { decideArrival, decideResolved, decideSweep } from './core/join-decision.ts';
import type { JoinAction, WaitingSide } from './core/join-decision.ts';
import { resolvePair } from './core/resolve-pair.ts';
import type { PairResolution } from './core/resolve-pair.ts';
import { unmatchedLabelReasons } from './core/reasons.ts';
import type { UnmatchedLabelReason } from './core/reasons.ts';
import { JoinerError, joinerErrorCodes } from './errors.ts';
import type { JoinerMetrics } from './metrics.ts';
import type { AvroSerde, ClaimRequest, Clock, MessagePublisher, PendingJoinStore } from './ports.ts';
import { toDeadLetter } from './records/dead-letter.ts';
import { parseStoredMessage, parseStoredOutbound, toStoredMessage, toStoredOutbound, toTag } from './records/stored-record.ts';

export interface JoinHandlerDeps {
  readonly store: PendingJoinStore;
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
}

type Side = 'prediction' | 'label';
interface Item { readonly requestId: string; readonly side: Side; readonly tag: string; readonly action: JoinAction }
type Effect = { readonly kind: 'matched'; readonly delayMs: number } | { readonly kind: 'unmatched'; readonly reason: UnmatchedLabelReason } | { readonly kind: 'republished' };
interface Emission { readonly requestId: string; readonly tag: string; readonly message: OutboundMessage; readonly effect: Effect }

const OUTCOME = 'outcome';

export function createJoinHandler(deps: JoinHandlerDeps): RecordHandler<PredictionLog | GroundTruth> {
  const sweepBatch = deps.sweepBatch ?? 1000;
  const log = deps.logger.child({ module: 'join-handler' });
  const outcomeSubject = toTopicSubject(deps.topics.outcomes);
  const deadLetterSubject = toTopicSubject(deps.topics.deadLetters);

  const decode = async <T>(message: InboundMessage): Promise<T> => {
    const bytes = message.value ?? Buffer.alloc(0);
    return (deps.serde.decodeCached<T>(bytes) ?? await deps.serde.decode<T>(bytes)).value;
  };

  const toOutbound = (kind: string, payload: string): OutboundMessage =>
    parseStoredOutbound(payload, kind === OUTCOME ? deps.topics.outcomes : deps.topics.deadLetters);

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

  /** The claim for an action that resolves a request id, with the message it will produce. */
  const toClaim = async (item: Item, prediction: WaitingSide | undefined, label: WaitingSide): Promise<{ request: ClaimRequest; effect: Effect }> => {
    const labelMessage = parseStoredMessage(label.payload);
    const pair = prediction === undefined
      ? { kind: 'reject' as const, reason: unmatchedLabelReasons.DL_JOINER_UNKNOWN_PREDICTION, detail: 'no prediction with this requestId arrived before the predictions passed the label event time plus the grace' }
      : resolvePair(await decode<PredictionLog>(parseStoredMessage(prediction.payload)), await decode<GroundTruth>(labelMessage), { windowMs: deps.windowMs });
    const resolved = await toEncodedOutcome(pair);
    const toRequest = (kind: string, payload: string): ClaimRequest =>
      ({ requestId: item.requestId, tag: item.tag, kind, payload, expectPredictionTag: prediction?.tag, expectLabelTag: label.tag });
    if (resolved.kind === 'outcome') {
      return { request: toRequest(OUTCOME, toStoredOutbound({ key: item.requestId, value: resolved.bytes })), effect: { kind: 'matched', delayMs: resolved.delayMs } };
    }
    const encode = await deps.serde.encoderFor(deadLetterSubject, deadLetterSchema);
    const letter = toDeadLetter(labelMessage, { reason: resolved.reason, detail: resolved.detail, service: deps.service, failedAt: deps.now() });
    return { request: toRequest(resolved.reason, toStoredOutbound({ key: labelMessage.key, value: encode(letter) })), effect: { kind: 'unmatched', reason: resolved.reason } };
  };

  /** Claims, produces and confirms the resolutions the items call for; unindexes their labels. */
  const settle = async (items: readonly Item[], partition: number): Promise<void> => {
    const claims: { request: ClaimRequest; effect: Effect; side: Side }[] = [];
    const emissions: Emission[] = [];
    const settled: string[] = [];
    for (const item of items) {
      const { action } = item;
      switch (action.kind) {
        case 'resolve': claims.push({ ...await toClaim(item, action.prediction, action.label), side: item.side }); break;
        case 'unknown': claims.push({ ...await toClaim(item, undefined, action.label), side: item.side }); break;
        case 'republish': emissions.push({ requestId: item.requestId, tag: item.tag, message: toOutbound(action.resolution.kind, action.resolution.payload), effect: { kind: 'republished' } }); break;
        case 'ignore': deps.metrics.ignored(item.side, action.reason); if (action.reason === 'resolved') settled.push(item.requestId); break;
        case 'wait': case 'wait-label': case 'forget': break;
      }
    }
    const results = await deps.store.claim(claims.map((c) => c.request));
    let conflicts = 0;
    results.forEach((result, i) => {
      const claim = claims[i];
      if (claim === undefined) return;
      const { requestId, tag } = claim.request;
      if (result.status === 'stale') { conflicts++; return; }
      if (result.status === 'claimed') { emissions.push({ requestId, tag, message: toOutbound(result.resolution.kind, result.resolution.payload), effect: claim.effect }); return; }
      const again = decideResolved(result.resolution, tag);
      if (again.kind === 'republish') emissions.push({ requestId, tag, message: toOutbound(result.resolution.kind, result.resolution.payload), effect: { kind: 'republished' } });
      else { deps.metrics.ignored(claim.side, 'resolved'); settled.push(requestId); }
    });
    if (emissions.length > 0) {
      await deps.publisher.publish(emissions.map((e) => e.message));
      await deps.store.complete(emissions.map(({ requestId, tag }) => ({ requestId, tag })));
    }
    let republished = 0;
    for (const { effect } of emissions) {
      if (effect.kind === 'matched') deps.metrics.matched(effect.delayMs);
      else if (effect.kind === 'unmatched') deps.metrics.unmatched(effect.reason);
      else republished++;
    }
    if (republished > 0) { deps.metrics.republished(republished); log.info({ partition, republished }, 'republished resolutions claimed before a restart'); }
    await deps.store.unindexLabels(partition, [...settled, ...emissions.map((e) => e.requestId)]);
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
    const arrivals = records.map((r) => ({ requestId: r.value.requestId, side, tag: toTag(side, r.message), entry: { tag: toTag(side, r.message), eventTime: r.value.timestamp, payload: toStoredMessage(r.message) } }));
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
