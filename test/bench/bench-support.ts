// Shared by the benchmarks: the stack's addresses (starting the local stack when none are given),
// a fresh set of topics with a monitor spec, and the records/s of consuming and decoding a topic
// through the broker.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAY_MS, toTopicSpecs, toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { TopicRole, monitorSpecSchema, predictionLogSchema } from '@driftline/schemas';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BenchStack { readonly KAFKA_BROKERS: string; readonly SCHEMA_REGISTRY_URL: string; readonly REDIS_URL: string }

/** KAFKA_BROKERS, SCHEMA_REGISTRY_URL and REDIS_URL from the environment, else from the local stack (started if needed). */
export function loadBenchStack(): BenchStack {
  const k = process.env['KAFKA_BROKERS'];
  const r = process.env['SCHEMA_REGISTRY_URL'];
  const d = process.env['REDIS_URL'];
  if (k !== undefined && r !== undefined && d !== undefined) return { KAFKA_BROKERS: k, SCHEMA_REGISTRY_URL: r, REDIS_URL: d };
  execFileSync('bash', [join(repoRoot, 'deploy/local/stack.sh'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const vars = Object.fromEntries(readFileSync(join(repoRoot, '.stack/env'), 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => l.split('=', 2) as [string, string]));
  return { KAFKA_BROKERS: vars['KAFKA_BROKERS'] ?? '', SCHEMA_REGISTRY_URL: vars['SCHEMA_REGISTRY_URL'] ?? '', REDIS_URL: vars['REDIS_URL'] ?? '' };
}

export function rate(count: number, ms: number): number {
  return Math.round(count / (ms / 1000));
}

/** Fetch sizes of a consumer: most bytes per partition and per fetch response. */
export interface FetchSizes { readonly maxBytesPerPartition: number; readonly maxBytes?: number }

/**
 * Records/s of reading `count` records of `topic` from the beginning, optionally decoding each,
 * fetching 4 MiB per partition (and kafkajs' 10 MiB per fetch) unless `fetch` says otherwise.
 */
export async function measureConsume(clients: KafkaClients, serde: AvroSerde, topic: string, count: number, decode: boolean, fetch: FetchSizes = { maxBytesPerPartition: 4 * 1_048_576 }): Promise<number> {
  let seen = 0;
  let started = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((r) => { finish = r; });
  const source = clients.source({ groupId: `bench-${randomUUID()}`, ...fetch });
  await source.run({
    topics: [topic], fromBeginning: true,
    onBatch: async (batch, control) => {
      if (started === 0) started = performance.now();
      for (const m of batch.messages) if (decode && m.value !== null) await (serde.decodeCached(m.value) ?? serde.decode(m.value));
      seen += batch.messages.length;
      const last = batch.messages.at(-1);
      if (last !== undefined) control.resolveOffset(last.offset);
      if (seen >= count) finish();
    },
  });
  await done;
  const result = rate(count, performance.now() - started);
  await source.stop();
  return result;
}

/** PredictionLog with `features` as a per-model record of nullable typed fields (docs/schemas.md). */
export function toTypedPredictionSchema(options: { name: string; numeric: readonly string[]; categorical: readonly string[] }): object {
  return {
    ...predictionLogSchema,
    name: options.name,
    fields: predictionLogSchema.fields.map((f) => f.name !== 'features' ? f : {
      name: 'features',
      type: { type: 'record', name: `${options.name}Features`, fields: [
        ...options.numeric.map((name) => ({ name, type: ['null', 'double'], default: null })),
        ...options.categorical.map((name) => ({ name, type: ['null', 'string'], default: null })),
      ] },
    }),
  };
}

/** Every topic role under a fresh `bench-<id>-` prefix (what DRIFTLINE_TOPIC_PREFIX gets). */
export interface BenchTopics {
  readonly prefix: string;
  readonly topic: (role: TopicRole) => string;
  /** Deletes the topics. */
  readonly remove: () => Promise<void>;
}

/** Creates every topic role under a fresh prefix, with `partitions` partitions. */
export async function createBenchTopics(clients: KafkaClients, partitions: number): Promise<BenchTopics> {
  const prefix = `bench-${randomUUID().slice(0, 8)}-`;
  const names = Object.fromEntries(Object.values(TopicRole).map((r) => [r, `${prefix}${r}`]));
  const specs = toTopicSpecs({ erasureDeadlineMs: 30 * DAY_MS, retentionMs: DAY_MS, partitions, replicationFactor: 1, names });
  await clients.admin.createTopics(specs);
  return { prefix, topic: (role) => `${prefix}${role}`, remove: () => clients.admin.deleteTopics(specs.map((s) => s.name)) };
}

/** Publishes the monitor spec of model `bench` (no reference profile) to the topics' monitors topic. */
export async function publishBenchSpec(clients: KafkaClients, serde: AvroSerde, topics: BenchTopics, spec: object): Promise<void> {
  const topic = topics.topic(TopicRole.MONITORS);
  const value = await serde.encode(toTopicSubject(topic), monitorSpecSchema, { modelId: 'bench', specVersion: 1, specJson: JSON.stringify(spec), profileId: null, profileJson: null, publishedAt: Date.now() });
  await clients.publisher.publish([{ topic, key: 'bench', value }]);
}
