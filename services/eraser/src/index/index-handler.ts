// The subject index, built from the personal-data topics: predictions and outcomes name their
// subject (plain or sealed subject id → pseudonym); labels and dead letters carry only a request id
// and attach to its subject. A record of an erased subject (deny list) or of an erased request id
// (guard) that shows up after the erasure (a restore, a late label) is tombstoned on sight and its
// subject's key shredded again.
import type { DecodedMessage, HandlerInput, HandlerResult, InboundMessage, OutboundMessage, RecordHandler } from '@driftline/kafka';
import type { DeadLetter, GroundTruth, Outcome, PredictionLog } from '@driftline/schemas';
import type { SubjectIndexEntry } from '@driftline/redis-state';
import type { DenyList } from '../core/deny-list.ts';
import type { PersonalRole } from '../core/subject-records.ts';
import type { EraserTopics } from '../config.ts';
import type { EraserMetrics } from '../metrics.ts';
import type { AvroSerde, MessagePublisher, SubjectCrypto, SubjectIndexStore, SubjectKeyStore } from '../ports.ts';

export type IndexedValue = PredictionLog | GroundTruth | Outcome | DeadLetter;

export interface IndexHandlerDeps {
  readonly index: SubjectIndexStore;
  readonly keys: SubjectKeyStore;
  readonly crypto: Pick<SubjectCrypto, 'pseudonymOf'>;
  readonly serde: AvroSerde;
  readonly publisher: MessagePublisher;
  readonly denyList: DenyList;
  /** The guard id of a request id (a keyed hash: erased request ids are guarded by it). */
  readonly toGuardId: (requestId: string) => string;
  readonly metrics: EraserMetrics;
  readonly topics: EraserTopics;
}

interface Seen { readonly message: InboundMessage; readonly entry: SubjectIndexEntry; readonly role: PersonalRole }

export function createIndexHandler(deps: IndexHandlerDeps): RecordHandler<IndexedValue> {
  const roles = new Map<string, PersonalRole>([[deps.topics.predictions, 'predictions'], [deps.topics.labels, 'labels'], [deps.topics.outcomes, 'outcomes'], [deps.topics.deadLetters, 'dead-letters']]);
  const dataTopics = new Set([deps.topics.predictions, deps.topics.labels, deps.topics.outcomes]);

  /** The subject a dead letter's original record names, when it is one of ours and decodes. */
  const subjectOfLetter = (letter: DeadLetter): string | undefined => {
    if (letter.originalValue === null) return undefined;
    try {
      const original = deps.serde.decodeCached<{ subjectId?: string | null }>(Buffer.from(letter.originalValue))?.value;
      return deps.crypto.pseudonymOf(original?.subjectId ?? null);
    } catch {
      return undefined; // undecodable bytes (why it was dead-lettered): attach by request id only
    }
  };

  const toSeen = (role: PersonalRole, record: DecodedMessage<IndexedValue>): Seen | undefined => {
    const { message } = record;
    const requestId = message.key?.toString();
    if (requestId === undefined || requestId === '') return undefined;
    const at = (eventTime: number, pseudonym?: string): Seen => ({
      message, role, entry: { role, requestId, location: { partition: message.partition, offset: message.offset, eventTime }, ...(pseudonym === undefined ? {} : { pseudonym }) },
    });
    switch (role) {
      case 'predictions': {
        const value = record.value as PredictionLog;
        const pseudonym = deps.crypto.pseudonymOf(value.subjectId);
        return pseudonym === undefined ? undefined : at(value.timestamp, pseudonym);
      }
      case 'outcomes': {
        const value = record.value as Outcome;
        const pseudonym = deps.crypto.pseudonymOf(value.subjectId);
        return pseudonym === undefined ? undefined : at(value.predictionTimestamp, pseudonym);
      }
      case 'labels': return at((record.value as GroundTruth).timestamp);
      case 'dead-letters': {
        const letter = record.value as DeadLetter;
        return dataTopics.has(letter.sourceTopic) ? at(letter.failedAt, subjectOfLetter(letter)) : undefined;
      }
    }
  };

  return {
    async handle({ topic, records }: HandlerInput<IndexedValue>): Promise<HandlerResult> {
      const role = roles.get(topic);
      if (role === undefined || records.length === 0) return { invalid: [] };
      const seen = records.flatMap((r) => toSeen(role, r) ?? []);
      const guarded = await deps.index.guarded(seen.map((s) => deps.toGuardId(s.entry.requestId)));
      const erase: Seen[] = [];
      const keep: SubjectIndexEntry[] = [];
      for (const s of seen) {
        const { pseudonym, location } = s.entry;
        const denied = pseudonym !== undefined && deps.denyList.denies(pseudonym, location.eventTime);
        if (denied || guarded.has(deps.toGuardId(s.entry.requestId))) erase.push(s);
        else keep.push(s.entry);
      }
      if (erase.length > 0) {
        const tombstones: OutboundMessage[] = erase.map((s) => ({ topic, key: s.message.key, value: null, partition: s.message.partition }));
        await deps.publisher.publish(tombstones);
        await deps.keys.shred(erase.flatMap((s) => (s.entry.pseudonym === undefined ? [] : [s.entry.pseudonym])));
        deps.metrics.erasedOnSight(role, erase.length);
      }
      await deps.index.record(keep);
      deps.metrics.indexed(role, keep.length);
      return { invalid: [] };
    },
  };
}
