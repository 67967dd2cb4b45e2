// Helpers for aggregator system tests: start the service as a process, publish a monitor spec,
// and recount the expected Redis window state from the topic.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { foldChunk, toModelContext, toWindowKey, toWindowOps } from '@driftline/aggregator';
import type { FoldRecord } from '@driftline/aggregator';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { toTopicSubject } from '@driftline/kafka';
import { monitorSpecSchema, parseMonitorSpec } from '@driftline/schemas';
import type { MonitorSpecDocument, Outcome, PredictionLog } from '@driftline/schemas';
import { repoRoot, stackEnv } from './stack-env.ts';
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

export interface AggregatorProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Resolves once the service logged that it started (signals are trapped from then on). */
  started: Promise<void>;
}

export function startAggregator(env: Record<string, string>): AggregatorProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services/aggregator/src/main.ts')], {
    env: { ...process.env, ...stackEnv().vars, HTTP_PORT: '0', LOG_LEVEL: 'info', DEFAULT_METRICS: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (d: Buffer) => { process.stderr.write(d); });
  const started = new Promise<void>((resolve) => {
    let seen = '';
    child.stdout.on('data', (d: Buffer) => {
      seen = (seen + d.toString()).slice(-4096);
      if (seen.includes('"msg":"aggregator started"')) resolve();
      for (const line of d.toString().split('\n')) if (/"level":(40|50|60)/.test(line)) process.stderr.write(`${line}\n`);
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { resolve(code); }));
  onTestFinished(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  return { child, exited, started };
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

/** Expected Redis hashes: each partition folded in offset order, as the aggregator must have. */
export function recount(spec: MonitorSpecDocument, partitions: Map<string, { offset: string; value: PredictionLog | Outcome }[]>, options: { redisPrefix: string; predictionsTopic: string }): Map<string, Map<string, number>> {
  const ctx = toModelContext({ spec, profileJson: null, profileId: null });
  const expected = new Map<string, Map<string, number>>();
  for (const [key, records] of partitions) {
    const topic = key.slice(0, key.lastIndexOf(':'));
    const kind = topic === options.predictionsTopic ? 'prediction' : 'outcome';
    const fold = foldChunk(records.map((r) => ({ kind, message: r.offset, value: r.value }) as FoldRecord<string>), {
      contexts: (id) => (id === spec.modelId ? ctx : undefined), sliceAdmitted: () => true, eventWatermark: Number.NEGATIVE_INFINITY, outcomeGraceMs: 604_800_000,
    });
    for (const acc of fold.windows.values()) {
      const redisKey = toWindowKey(options.redisPrefix, acc.id);
      const hash = expected.get(redisKey) ?? new Map<string, number>();
      expected.set(redisKey, hash);
      for (const op of toWindowOps(acc, redisKey)) {
        const cur = hash.get(op.field);
        const kindOf = op.op ?? 'add';
        hash.set(op.field, cur === undefined ? op.by : kindOf === 'add' ? cur + op.by : kindOf === 'max' ? Math.max(cur, op.by) : Math.min(cur, op.by));
      }
    }
  }
  return expected;
}

/** Float sums (moments, co-moments, errors, calibration scores) add up in a different order in Redis. */
function isFloatSum(field: string): boolean {
  return /\|(s1|s2|sx|sy|sxx|syy|sxy|s|ss|sa)$/.test(field);
}

/** Differences between Redis and the recount: counts, min and max exactly, float sums to 1e-9 relative. */
export function compareHashes(expected: Map<string, Map<string, number>>, actual: Map<string, Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const [key, fields] of expected) {
    const got = actual.get(key) ?? {};
    for (const [field, want] of fields) {
      const have = got[field];
      const ok = have !== undefined && (isFloatSum(field) ? Math.abs(have - want) <= 1e-9 * Math.max(1, Math.abs(want)) : have === want);
      if (!ok) problems.push(`${key} ${field}: expected ${want}, Redis has ${have ?? 'nothing'}`);
    }
    for (const field of Object.keys(got)) if (!fields.has(field)) problems.push(`${key} ${field}: unexpected field`);
  }
  return problems;
}
