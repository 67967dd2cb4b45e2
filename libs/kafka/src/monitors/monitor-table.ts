// The monitors topic as a live table: every service reads each model's monitor spec (and reference
// profile) from the compacted topic and sees changes without a restart.
import { parseMonitorSpec } from '@driftline/schemas';
import type { MonitorSpec, MonitorSpecDocument, SpecProblem } from '@driftline/schemas';
import type { AvroSerde } from '../serde/avro-serde.ts';
import type { MessageSource } from '../consume/messages.ts';
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
  /** Reads the topic from the beginning; resolves once the table holds everything published before the call. */
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
  readonly admin: TopicAdmin;
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
    async start() {
      const ends = await deps.admin.endOffsets(deps.topic);
      const pending = new Map([...ends].filter(([, end]) => Number(end) > 0).map(([p, end]) => [p, Number(end)]));
      let caughtUp: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => { caughtUp = resolve; });
      if (pending.size === 0) caughtUp();
      await deps.source.run({
        topics: [deps.topic],
        fromBeginning: true,
        onBatch: async (batch, control) => {
          for (const m of batch.messages) {
            const modelId = m.key?.toString() ?? '';
            if (m.value === null) {
              if (entries.delete(modelId)) notify(modelId, undefined);
            } else {
              const { value } = deps.serde.decodeCached<MonitorSpec>(m.value) ?? await deps.serde.decode<MonitorSpec>(m.value);
              const parsed = parseMonitorSpec(JSON.parse(value.specJson) as unknown);
              if (parsed.ok) {
                const entry: MonitorEntry = { modelId: value.modelId, spec: parsed.spec, profileId: value.profileId, profileJson: value.profileJson, publishedAt: value.publishedAt, offset: m.offset };
                entries.set(value.modelId, entry);
                notify(value.modelId, entry);
              } else {
                deps.onInvalid?.({ modelId, offset: m.offset, problems: parsed.problems });
              }
            }
            control.resolveOffset(m.offset);
            const end = pending.get(m.partition);
            if (end !== undefined && Number(m.offset) >= end - 1) {
              pending.delete(m.partition);
              if (pending.size === 0) caughtUp();
            }
          }
        },
      });
      await ready;
    },
    get: (modelId) => entries.get(modelId),
    all: () => [...entries.values()],
    onChange(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    stop: () => deps.source.stop(),
  };
}
