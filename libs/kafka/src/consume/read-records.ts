// Reads given offset ranges (or whole topics) once, in a throw-away consumer group: for looking
// records up by position (the eraser reads a person's records back) and for full scans (`driftline
// subject verify`, tests). Each partition is read from its range's start (a seek skips what comes
// before) to its end or the partition end seen at call time. A partition whose remaining records
// were all compacted away never delivers its last offset: after `idleMs` without a batch the read
// ends and names those partitions as exhausted.
import type { InboundMessage, MessageSource } from './messages.ts';
import type { TopicAdmin } from '../topics/topic-admin.ts';

export interface ReadRecordsDeps {
  readonly admin: Pick<TopicAdmin, 'endOffsets'>;
  /** A source in a fresh consumer group named `groupId`. */
  readonly source: (groupId: string) => MessageSource;
}

/** An inclusive offset range of one partition. */
export interface OffsetRange {
  readonly from: bigint;
  readonly to: bigint;
}

export interface ReadRecordsOptions {
  readonly groupId: string;
  /** Per topic: the ranges to read by partition, or `all` for the whole topic. Unlisted partitions are skipped. */
  readonly topics: ReadonlyMap<string, ReadonlyMap<number, OffsetRange> | 'all'>;
  /** Called for every message (tombstones included) inside a range, in offset order per partition. */
  readonly onMessage: (message: InboundMessage) => void | Promise<void>;
  /** Silence after which the remaining partitions count as exhausted (default 3000 ms). */
  readonly idleMs?: number;
}

export interface ReadRecordsResult {
  /** `topic:partition` of partitions that ended by silence before their range's end (records compacted away). */
  readonly exhausted: readonly string[];
}

export async function readRecords(deps: ReadRecordsDeps, options: ReadRecordsOptions): Promise<ReadRecordsResult> {
  const targets = new Map<string, { from: bigint; to: bigint; end: bigint }>();
  const ends = await Promise.all([...options.topics.keys()].map((topic) => deps.admin.endOffsets(topic)));
  for (const [i, [topic, ranges]] of [...options.topics].entries()) {
    for (const [partition, endText] of ends[i] ?? new Map<number, string>()) {
      const end = BigInt(endText);
      const range = ranges === 'all' ? { from: 0n, to: end - 1n } : ranges.get(partition);
      if (range === undefined) continue;
      const to = range.to < end - 1n ? range.to : end - 1n;
      if (range.from <= to) targets.set(`${topic}:${partition}`, { from: range.from, to, end });
    }
  }
  const pending = new Set(targets.keys());
  if (pending.size === 0) return { exhausted: [] };

  const source = deps.source(options.groupId);
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => { finish = resolve; });
  let lastBatchAt = Date.now();
  await source.run({
    topics: [...options.topics.keys()],
    fromBeginning: true,
    onBatch: async (batch, control) => {
      lastBatchAt = Date.now();
      const id = `${batch.topic}:${batch.partition}`;
      const target = targets.get(id);
      const first = batch.messages[0];
      if (target === undefined || !pending.has(id)) {
        // Not wanted (or done): jump to the end so it is not fetched again.
        if (first !== undefined) control.seek((target?.end ?? BigInt(batch.highWatermark)).toString());
        return;
      }
      if (first !== undefined && BigInt(first.offset) < target.from) { control.seek(target.from.toString()); return; }
      for (const m of batch.messages) {
        const offset = BigInt(m.offset);
        if (offset > target.to) { pending.delete(id); break; }
        await options.onMessage(m);
        if (offset >= target.to) { pending.delete(id); break; }
      }
      const last = batch.messages.at(-1);
      if (last !== undefined) control.resolveOffset(last.offset);
      if (pending.size === 0) finish();
    },
  });
  lastBatchAt = Date.now(); // the silence counts from the moment the group is joined
  const idleMs = options.idleMs ?? 3000;
  const timer = setInterval(() => { if (Date.now() - lastBatchAt > idleMs) finish(); }, Math.min(250, idleMs));
  try {
    await Promise.race([finished, source.done()]);
  } finally {
    clearInterval(timer);
    await source.stop();
  }
  return { exhausted: [...pending] };
}
