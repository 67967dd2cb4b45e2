// Shared by the benchmarks: the stack's addresses (starting the local stack when none are given),
// medians, and the records/s of consuming and decoding a topic through the broker.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { predictionLogSchema } from '@driftline/schemas';

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
