// Looks for one record on a topic between given offsets and the current ends, in a throw-away
// consumer group. For settling an emission a crash may have interrupted (was it published before
// the crash?): rare, so its cost (joining a group, reading from the marks) does not matter.
import type { AvroSerde } from '../serde/avro-serde.ts';
import type { MessageSource } from './messages.ts';
import type { TopicAdmin } from '../topics/topic-admin.ts';

export interface FindRecordDeps {
  readonly admin: Pick<TopicAdmin, 'endOffsets'>;
  readonly serde: AvroSerde;
  /** A source in a fresh consumer group named `groupId`. */
  readonly source: (groupId: string) => MessageSource;
}

export interface FindRecordOptions<T> {
  readonly topic: string;
  /** Per partition, the first offset to look at (decimal); partitions not listed are read from 0. */
  readonly from: ReadonlyMap<number, string>;
  readonly groupId: string;
  readonly match: (value: T) => boolean;
}

/** True when a record in [from, end of partition at call time) of some partition decodes to a value `match` accepts. */
export async function findRecord<T>(deps: FindRecordDeps, options: FindRecordOptions<T>): Promise<boolean> {
  const ends = await deps.admin.endOffsets(options.topic);
  const startOf = (partition: number): bigint => BigInt(options.from.get(partition) ?? '0');
  const pending = new Map([...ends].filter(([p, end]) => BigInt(end) > startOf(p)).map(([p, end]) => [p, BigInt(end)]));
  if (pending.size === 0) return false;
  const source = deps.source(options.groupId);
  let found = false;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => { finish = resolve; });
  await source.run({
    topics: [options.topic],
    fromBeginning: true,
    onBatch: async (batch, control) => {
      const start = startOf(batch.partition);
      const first = batch.messages[0];
      if (first !== undefined && BigInt(first.offset) < start) { control.seek(start.toString()); return; }
      for (const m of batch.messages) {
        if (m.value !== null) {
          const { value } = deps.serde.decodeCached<T>(m.value) ?? await deps.serde.decode<T>(m.value);
          if (options.match(value)) found = true;
        }
        const end = pending.get(batch.partition);
        if (end !== undefined && BigInt(m.offset) >= end - 1n) pending.delete(batch.partition);
      }
      const last = batch.messages.at(-1);
      if (last !== undefined) control.resolveOffset(last.offset);
      if (found || pending.size === 0) finish();
    },
  });
  try {
    await Promise.race([finished, source.done()]);
  } finally {
    await source.stop();
  }
  return found;
}
