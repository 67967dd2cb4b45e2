// The deny list as a live table: every instance reads the deny-list entries (`deny:<pseudonym>`)
// of `erasure-requests` from the beginning, in a consumer group of its own, and follows the topic.
// `start` resolves once the entries published before it are loaded.
import { followTopic } from '@driftline/kafka';
import type { SubjectRequest } from '@driftline/schemas';
import { DENY_KEY_PREFIX } from '../core/subject-request.ts';
import type { DenyList } from '../core/deny-list.ts';
import type { AvroSerde, MessageSource, TopicAdmin } from '../ports.ts';

export interface DenyTable {
  start(): Promise<void>;
  stop(): Promise<void>;
  done(): Promise<void>;
}

export function createDenyTable(deps: { readonly source: MessageSource; readonly admin: Pick<TopicAdmin, 'endOffsets'>; readonly serde: AvroSerde; readonly topic: string; readonly denyList: DenyList }): DenyTable {
  return {
    start: () => followTopic({ source: deps.source, admin: deps.admin }, {
      topic: deps.topic,
      idleMs: 3000, // a compacted deny entry's tombstone may be the partition's deleted last record
      onMessage: async (m) => {
        const key = m.key?.toString() ?? '';
        if (!key.startsWith(DENY_KEY_PREFIX)) return;
        if (m.value === null) {
          deps.denyList.delete(key.slice(DENY_KEY_PREFIX.length));
          return;
        }
        const { value } = deps.serde.decodeCached<SubjectRequest>(m.value) ?? await deps.serde.decode<SubjectRequest>(m.value);
        if (value.subjectPseudonym !== null && value.erasedAt !== null) deps.denyList.add(value.subjectPseudonym, value.erasedAt);
      },
    }),
    stop: () => deps.source.stop(),
    done: () => deps.source.done(),
  };
}
