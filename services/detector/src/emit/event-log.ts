// EventLog on Kafka: reads the drift-events topic in a throw-away consumer group from the given
// offsets to the current ends and looks for one event id. Only used to settle a claim left pending
// by a crash, so its cost (joining a group, reading the events since the claim) is rare.
import { randomUUID } from 'node:crypto';
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
      const pending = new Map([...ends].filter(([p, end]) => BigInt(end) > BigInt(from.get(p) ?? '0')).map(([p, end]) => [p, BigInt(end)]));
      if (pending.size === 0) return false;
      const source = deps.source(`driftline-detector-eventlog-${randomUUID()}`);
      let found = false;
      let finish: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => { finish = resolve; });
      await source.run({
        topics: [deps.topic],
        fromBeginning: true,
        onBatch: async (batch, control) => {
          const start = BigInt(from.get(batch.partition) ?? '0');
          for (const m of batch.messages) {
            const offset = BigInt(m.offset);
            if (offset >= start && m.value !== null) {
              const { value } = deps.serde.decodeCached<DriftEvent>(m.value) ?? await deps.serde.decode<DriftEvent>(m.value);
              if (value.eventId === eventId) found = true;
            }
            const end = pending.get(batch.partition);
            if (end !== undefined && offset >= end - 1n) pending.delete(batch.partition);
          }
          control.resolveOffset(batch.messages.at(-1)?.offset ?? '0');
          if (found || pending.size === 0) finish();
        },
      });
      await Promise.race([finished, source.done()]);
      await source.stop();
      return found;
    },
  };
}
