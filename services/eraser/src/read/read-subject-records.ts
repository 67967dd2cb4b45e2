// Reads a subject's records back from the topics, at the positions the index holds, in one
// throw-away consumer group. A position whose record is gone (compacted, expired) is missing.
import { readRecords } from '@driftline/kafka';
import type { DeadLetter, GroundTruth, Outcome, PredictionLog } from '@driftline/schemas';
import { toPositionId, toReadPlan } from '../core/subject-records.ts';
import type { IndexedRecords, PersonalRole } from '../core/subject-records.ts';
import type { EraserTopics } from '../config.ts';
import type { AvroSerde, InboundMessage, MessageSource, TopicAdmin } from '../ports.ts';

export interface ReadBackRecord<T> {
  readonly requestId: string;
  readonly message: InboundMessage;
  readonly value: T;
}

export interface SubjectRecordsRead {
  readonly predictions: ReadBackRecord<PredictionLog>[];
  readonly labels: ReadBackRecord<GroundTruth>[];
  readonly outcomes: ReadBackRecord<Outcome>[];
  readonly deadLetters: ReadBackRecord<DeadLetter>[];
  /** Indexed positions with no record left. */
  readonly missing: number;
}

export interface ReadSubjectDeps {
  readonly admin: Pick<TopicAdmin, 'endOffsets'>;
  readonly source: (groupId: string) => MessageSource;
  readonly serde: AvroSerde;
  readonly topics: EraserTopics;
}

export async function readSubjectRecords(deps: ReadSubjectDeps, input: { readonly records: IndexedRecords; readonly roles: readonly PersonalRole[]; readonly groupId: string }): Promise<SubjectRecordsRead> {
  const topicOf: Record<PersonalRole, string> = { predictions: deps.topics.predictions, labels: deps.topics.labels, outcomes: deps.topics.outcomes, 'dead-letters': deps.topics.deadLetters };
  const roleOf = new Map(Object.entries(topicOf).map(([role, topic]) => [topic, role as PersonalRole]));
  const plan = toReadPlan(input.records, input.roles);
  const out: SubjectRecordsRead = { predictions: [], labels: [], outcomes: [], deadLetters: [], missing: 0 };
  let found = 0;
  if (plan.wanted.size === 0) return out;
  await readRecords({ admin: deps.admin, source: deps.source }, {
    groupId: input.groupId,
    topics: new Map([...plan.ranges].map(([role, ranges]) => [topicOf[role], ranges])),
    onMessage: async (m) => {
      const role = roleOf.get(m.topic);
      const requestId = role === undefined ? undefined : plan.wanted.get(toPositionId(role, m.partition, m.offset));
      if (role === undefined || requestId === undefined || m.value === null || m.key?.toString() !== requestId) return;
      const value = (deps.serde.decodeCached<unknown>(m.value) ?? await deps.serde.decode<unknown>(m.value)).value;
      found++;
      switch (role) {
        case 'predictions': out.predictions.push({ requestId, message: m, value: value as PredictionLog }); break;
        case 'labels': out.labels.push({ requestId, message: m, value: value as GroundTruth }); break;
        case 'outcomes': out.outcomes.push({ requestId, message: m, value: value as Outcome }); break;
        case 'dead-letters': out.deadLetters.push({ requestId, message: m, value: value as DeadLetter }); break;
      }
    },
  });
  return { ...out, missing: plan.wanted.size - found };
}
