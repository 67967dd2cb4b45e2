// The monitors topic as a live table: every service reads each model's monitor spec (and reference
// profile) from the compacted topic and sees changes without a restart.
import { parseMonitorSpec } from '@driftline/schemas';
import type { MonitorSpec, MonitorSpecDocument, SpecProblem } from '@driftline/schemas';
import type { AvroSerde } from '../serde/avro-serde.ts';
import type { MessageSource } from '../consume/messages.ts';
import { followTopic } from '../consume/follow-topic.ts';
import type { TopicAdmin } from '../topics/topic-admin.ts';

export interface MonitorEntry {
  readonly modelId: string;
  readonly spec: MonitorSpecDocument;
  readonly profileId: string | null;
  readonly profileJson: string | null;
  readonly publishedAt: number;
  /** Topic offset of the record this entry came from. */
  readonly offset: string;
}

export interface MonitorTable {
  /** Reads the topic from the beginning; resolves once the table holds everything published before the call (libs/kafka followTopic). */
  start(): Promise<void>;
  get(modelId: string): MonitorEntry | undefined;
  all(): MonitorEntry[];
  /** Called with the new entry, or undefined when a model's spec was deleted (tombstone). Returns an unsubscribe function. */
  onChange(listener: (modelId: string, entry: MonitorEntry | undefined) => void): () => void;
  stop(): Promise<void>;
}

export interface MonitorTableDeps {
  /** A source in a consumer group of its own (every instance reads the whole table). */
  readonly source: MessageSource;
  readonly admin: Pick<TopicAdmin, 'endOffsets'>;
  readonly serde: AvroSerde;
  readonly topic: string;
  /** A record that is not a valid spec is skipped and reported here (the previous entry stays). */
  readonly onInvalid?: (info: { modelId: string; offset: string; problems: readonly SpecProblem[] }) => void;
}

export function createMonitorTable(deps: MonitorTableDeps): MonitorTable {
  const entries = new Map<string, MonitorEntry>();
  const listeners = new Set<(modelId: string, entry: MonitorEntry | undefined) => void>();
  const notify = (modelId: string, entry: MonitorEntry | undefined): void => { for (const l of listeners) l(modelId, entry); };

  return {
    start: () => followTopic({ source: deps.source, admin: deps.admin }, {
      topic: deps.topic,
      onMessage: async (m) => {
        const modelId = m.key?.toString() ?? '';
        if (m.value === null) {
          if (entries.delete(modelId)) notify(modelId, undefined);
          return;
        }
        const { value } = deps.serde.decodeCached<MonitorSpec>(m.value) ?? await deps.serde.decode<MonitorSpec>(m.value);
        const parsed = parseMonitorSpec(JSON.parse(value.specJson) as unknown);
        if (!parsed.ok) {
          deps.onInvalid?.({ modelId, offset: m.offset, problems: parsed.problems });
          return;
        }
        const entry: MonitorEntry = { modelId: value.modelId, spec: parsed.spec, profileId: value.profileId, profileJson: value.profileJson, publishedAt: value.publishedAt, offset: m.offset };
        entries.set(value.modelId, entry);
        notify(value.modelId, entry);
      },
    }),
    get: (modelId) => entries.get(modelId),
    all: () => [...entries.values()],
    onChange(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    stop: () => deps.source.stop(),
  };
}
