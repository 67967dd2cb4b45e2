// Helpers for aggregator system tests: start the service as a process, publish a monitor spec,
// and recount the expected Redis window state from the topic.
import { foldChunk, toModelContext, toWindowKey, toWindowOps } from '@driftline/aggregator';
import type { FoldRecord } from '@driftline/aggregator';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { InMemoryStateStore } from '@driftline/redis-state';
import type { HashFields } from '@driftline/redis-state';
import { toTopicSubject } from '@driftline/kafka';
import { monitorSpecSchema, parseMonitorSpec } from '@driftline/schemas';
import type { MonitorSpecDocument, Outcome, PredictionLog } from '@driftline/schemas';
import { startService } from './service-process.ts';
import type { ServiceProcess } from './service-process.ts';
import { uniqueName } from './kafka-factories.ts';

export function parseSpec(input: unknown): MonitorSpecDocument {
  const result = parseMonitorSpec(input);
  if (!result.ok) throw new Error(`bad spec: ${JSON.stringify(result.problems)}`);
  return result.spec;
}

export async function publishSpec(clients: KafkaClients, serde: AvroSerde, topic: string, spec: MonitorSpecDocument, profileJson: string | null = null): Promise<void> {
  const value = await serde.encode(toTopicSubject(topic), monitorSpecSchema, { modelId: spec.modelId, specVersion: 1, specJson: JSON.stringify(spec), profileId: profileJson === null ? null : 'test', profileJson, publishedAt: Date.now() });
  await clients.publisher.publish([{ topic, key: spec.modelId, value }]);
}

export type AggregatorProcess = ServiceProcess;

export function startAggregator(env: Record<string, string>): AggregatorProcess {
  return startService('aggregator', env);
}

export function aggregatorEnv(prefix: string): { DRIFTLINE_TOPIC_PREFIX: string; DRIFTLINE_REDIS_PREFIX: string; AGGREGATOR_GROUP_ID: string; KAFKA_SESSION_TIMEOUT_MS: string; KAFKA_HEARTBEAT_INTERVAL_MS: string } {
  return { DRIFTLINE_TOPIC_PREFIX: prefix, DRIFTLINE_REDIS_PREFIX: `${prefix}dl:`, AGGREGATOR_GROUP_ID: uniqueName('aggregator'), KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000' };
}

/** Every record of the topics, per partition in offset order (what a recount folds). */
export async function readPartitions(clients: KafkaClients, serde: AvroSerde, topics: readonly string[]): Promise<Map<string, { offset: string; value: PredictionLog | Outcome }[]>> {
  const out = new Map<string, { offset: string; value: PredictionLog | Outcome }[]>();
  const remaining = new Map<string, number>();
  for (const topic of topics) {
    for (const [p, end] of await clients.admin.endOffsets(topic)) if (Number(end) > 0) remaining.set(`${topic}:${p}`, Number(end));
  }
  const source = clients.source({ groupId: uniqueName('recount') });
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => { done = r; });
  if (remaining.size === 0) done();
  await source.run({
    topics, fromBeginning: true,
    onBatch: async (batch, control) => {
      const key = `${batch.topic}:${batch.partition}`;
      const list = out.get(key) ?? [];
      out.set(key, list);
      for (const m of batch.messages) {
        if (m.value !== null) list.push({ offset: m.offset, value: (await serde.decode<PredictionLog | Outcome>(m.value)).value });
        control.resolveOffset(m.offset);
        if (Number(m.offset) >= (remaining.get(key) ?? 0) - 1) { remaining.delete(key); if (remaining.size === 0) done(); }
      }
    },
  });
  await finished;
  await source.stop();
  return out;
}

/**
 * Expected Redis hashes: each partition folded in offset order, as the aggregator must have, its
 * deltas merged by the in-memory StateStore (the same merge as the Redis script: contract suite).
 */
export async function recount(spec: MonitorSpecDocument, partitions: Map<string, { offset: string; value: PredictionLog | Outcome }[]>, options: { redisPrefix: string; predictionsTopic: string }): Promise<Map<string, HashFields>> {
  const ctx = toModelContext({ spec, profileJson: null, profileId: null });
  const store = new InMemoryStateStore();
  const keys = new Set<string>();
  for (const [key, records] of partitions) {
    const topic = key.slice(0, key.lastIndexOf(':'));
    const kind = topic === options.predictionsTopic ? 'prediction' : 'outcome';
    const fold = foldChunk(records.map((r) => ({ kind, message: r.offset, value: r.value }) as FoldRecord<string>), {
      contexts: (id) => (id === spec.modelId ? ctx : undefined), sliceAdmitted: () => true, eventWatermark: Number.NEGATIVE_INFINITY, outcomeGraceMs: 604_800_000,
    });
    const ops = [...fold.windows.values()].map((w) => toWindowOps(w, toWindowKey(options.redisPrefix, w.id)));
    for (const w of fold.windows.values()) keys.add(toWindowKey(options.redisPrefix, w.id));
    await store.applyWithWatermark({ watermarkKey: 'recount', watermarkField: key, offset: 0, increments: ops.flatMap((o) => o.increments), vectors: ops.flatMap((o) => o.vectors) });
  }
  return new Map(await Promise.all([...keys].map(async (key) => [key, await store.getHashFields(key)] as const)));
}

/** Equal to 1e-9 relative (floats summed in another order in Redis). */
function close(want: number, have: number): boolean {
  return Math.abs(have - want) <= 1e-9 * Math.max(1, Math.abs(want));
}

/**
 * Differences between Redis and the recount: number fields (min, max, label counts) exactly; vector
 * elements (counts and float sums, added in another order in Redis) to 1e-9 relative: the counts are
 * far below 1e9, so a count that differs by one still fails.
 */
export function compareHashes(expected: Map<string, HashFields>, actual: Map<string, HashFields>): string[] {
  const problems: string[] = [];
  for (const [key, fields] of expected) {
    const got = actual.get(key) ?? { numbers: {}, vectors: {} };
    for (const [field, want] of Object.entries(fields.numbers)) {
      const have = got.numbers[field];
      if (have !== want) problems.push(`${key} ${field}: expected ${want}, Redis has ${have ?? 'nothing'}`);
    }
    for (const [field, want] of Object.entries(fields.vectors)) {
      const have = got.vectors[field];
      const same = have !== undefined && have.offset === want.offset && have.values.length === want.values.length
        && want.values.every((v, i) => close(v, have.values[i] ?? Number.NaN));
      if (!same) problems.push(`${key} ${field}: expected [${want.offset}: ${want.values.join(',')}], Redis has ${have === undefined ? 'nothing' : `[${have.offset}: ${have.values.join(',')}]`}`);
    }
    for (const field of [...Object.keys(got.numbers), ...Object.keys(got.vectors)]) if (fields.numbers[field] === undefined && fields.vectors[field] === undefined) problems.push(`${key} ${field}: unexpected field`);
  }
  return problems;
}
