// EventLog on Kafka: reads the drift-events topic in a throw-away consumer group from the given
// offsets to the current ends (libs/kafka readRecords) and looks for one event id. Only used to
// settle a claim left pending by a crash, so its cost (joining a group, reading the events since
// the claim) is rare.
import { randomUUID } from 'node:crypto';
import { readRecords } from '@driftline/kafka';
import type { AvroSerde, MessageSource, TopicAdmin } from '@driftline/kafka';
import type { DriftEvent } from '@driftline/schemas';
import type { EventLog } from './event-emitter.ts';

export interface KafkaEventLogDeps {
  readonly topic: string;
  readonly admin: Pick<TopicAdmin, 'endOffsets'>;
  readonly serde: AvroSerde;
  /** A source in the given (fresh) consumer group. */
  readonly source: (groupId: string) => MessageSource;
}

export function createKafkaEventLog(deps: KafkaEventLogDeps): EventLog {
  return {
    async contains(from, eventId) {
      const ends = await deps.admin.endOffsets(deps.topic);
      const ranges = new Map([...ends].map(([p, end]) => [p, { from: BigInt(from.get(p) ?? '0'), to: BigInt(end) - 1n }]));
      let found = false;
      await readRecords({ admin: deps.admin, source: deps.source }, {
        groupId: `driftline-detector-eventlog-${randomUUID()}`,
        topics: new Map([[deps.topic, ranges]]),
        onMessage: async (m) => {
          if (found || m.value === null) return;
          const { value } = deps.serde.decodeCached<DriftEvent>(m.value) ?? await deps.serde.decode<DriftEvent>(m.value);
          if (value.eventId === eventId) found = true;
        },
      });
      return found;
    },
  };
}
