// A topic read as a live table: from the beginning, in a consumer group of the caller's own (every
// instance reads everything), then followed. `followTopic` resolves once every record published
// before the call has been handed over, so a service can wait for its table before it serves.
import type { InboundMessage, MessageSource } from './messages.ts';
import type { TopicAdmin } from '../topics/topic-admin.ts';

export interface FollowTopicDeps {
  /** A source in a consumer group of its own. */
  readonly source: MessageSource;
  readonly admin: Pick<TopicAdmin, 'endOffsets'>;
}

export interface FollowTopicOptions {
  readonly topic: string;
  /** Called for every message (tombstones included), in offset order per partition, for as long as the source runs. */
  readonly onMessage: (message: InboundMessage) => void | Promise<void>;
  /**
   * Silence after which the table counts as loaded, for topics whose last records may be deleted
   * (retention, compaction of a tombstone): such a partition never delivers its end offset. Without
   * it the call waits for every partition's end.
   */
  readonly idleMs?: number;
}

/**
 * Starts the source on `topic` from the beginning and resolves once the records before the call's
 * end offsets were handed to `onMessage` (or after `idleMs` without a batch when given, or when the
 * source stops); rejects when the source fails first.
 */
export async function followTopic(deps: FollowTopicDeps, options: FollowTopicOptions): Promise<void> {
  const ends = await deps.admin.endOffsets(options.topic);
  const pending = new Map([...ends].filter(([, end]) => BigInt(end) > 0n).map(([p, end]) => [p, BigInt(end)]));
  let caughtUp: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { caughtUp = resolve; });
  if (pending.size === 0) caughtUp();
  let lastBatchAt = Date.now();
  await deps.source.run({
    topics: [options.topic],
    fromBeginning: true,
    onBatch: async (batch, control) => {
      lastBatchAt = Date.now();
      for (const m of batch.messages) {
        await options.onMessage(m);
        control.resolveOffset(m.offset);
        const end = pending.get(m.partition);
        if (end !== undefined && BigInt(m.offset) >= end - 1n) {
          pending.delete(m.partition);
          if (pending.size === 0) caughtUp();
        }
      }
    },
  });
  lastBatchAt = Date.now(); // the silence counts from the moment the group is joined
  const idleMs = options.idleMs;
  const idle = idleMs === undefined ? undefined : setInterval(() => { if (Date.now() - lastBatchAt > idleMs) caughtUp(); }, Math.min(250, idleMs));
  try {
    await Promise.race([ready, deps.source.done()]);
  } finally {
    clearInterval(idle);
  }
}
