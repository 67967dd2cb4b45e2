// The deny list as a live table: every instance reads the deny-list entries (`deny:<pseudonym>`)
// of `erasure-requests` from the beginning, in a consumer group of its own, and follows the topic.
// `start` resolves once the entries published before it are loaded.
import type { SubjectRequest } from '@driftline/schemas';
import { DENY_KEY_PREFIX } from '../core/subject-request.ts';
import type { DenyList } from '../core/deny-list.ts';
import type { AvroSerde, MessageSource, TopicAdmin } from '../ports.ts';

export interface DenyTable {
  start(): Promise<void>;
  stop(): Promise<void>;
  done(): Promise<void>;
}

const IDLE_MS = 3000;

export function createDenyTable(deps: { readonly source: MessageSource; readonly admin: Pick<TopicAdmin, 'endOffsets'>; readonly serde: AvroSerde; readonly topic: string; readonly denyList: DenyList }): DenyTable {
  return {
    async start() {
      const ends = await deps.admin.endOffsets(deps.topic);
      const pending = new Map([...ends].filter(([, end]) => Number(end) > 0).map(([p, end]) => [p, Number(end)]));
      let caughtUp: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => { caughtUp = resolve; });
      if (pending.size === 0) caughtUp();
      let seen: () => void = () => undefined;
      await deps.source.run({
        topics: [deps.topic],
        fromBeginning: true,
        onBatch: async (batch, control) => {
          seen();
          for (const m of batch.messages) {
            const key = m.key?.toString() ?? '';
            if (key.startsWith(DENY_KEY_PREFIX)) {
              if (m.value === null) deps.denyList.delete(key.slice(DENY_KEY_PREFIX.length));
              else {
                const { value } = deps.serde.decodeCached<SubjectRequest>(m.value) ?? await deps.serde.decode<SubjectRequest>(m.value);
                if (value.subjectPseudonym !== null && value.erasedAt !== null) deps.denyList.add(value.subjectPseudonym, value.erasedAt);
              }
            }
            control.resolveOffset(m.offset);
            const end = pending.get(batch.partition);
            if (end !== undefined && Number(m.offset) >= end - 1) { pending.delete(batch.partition); if (pending.size === 0) caughtUp(); }
          }
        },
      });
      // A partition whose last records were deleted never delivers its end: silence counts as caught up.
      let lastBatchAt = Date.now();
      const idle = setInterval(() => { if (Date.now() - lastBatchAt > IDLE_MS) caughtUp(); }, 250);
      seen = () => { lastBatchAt = Date.now(); };
      try {
        await Promise.race([ready, deps.source.done()]);
      } finally {
        clearInterval(idle);
      }
    },
    stop: () => deps.source.stop(),
    done: () => deps.source.done(),
  };
}
