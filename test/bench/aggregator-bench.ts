// npm run bench:aggregator: records/s of one aggregator process folding 20-feature predictions with
// two slice keys into Redis (from its start until every record is reflected in the Redis watermarks),
// next to the raw consume + decode ceiling of the same topic measured just before, and its peak RSS;
// in rounds (a new aggregator each), so that the verdict is the median round, not one noisy sample.
// BENCH_RECORDS, BENCH_ROUNDS, BENCH_SHAPE=typed|map; BENCH_CPU_PROF=<dir> writes the aggregator's
// CPU profiles there, BENCH_NODE_FLAGS passes further node flags to it (e.g. GC tracing).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients, toTopicRecordSubject, toTopicSubject } from '@driftline/kafka';
import { RedisStateStore } from '@driftline/redis-state';
import { TopicRole, predictionLogSchema } from '@driftline/schemas';
import type { PredictionLog } from '@driftline/schemas';
import { loadConfig, toPartitionField, toWatermarkKey } from '@driftline/aggregator';
import { createBenchTopics, loadBenchStack, measureConsume, publishBenchSpec, rate, repoRoot, toTypedPredictionSchema } from './bench-support.ts';

const N = Number(process.env['BENCH_RECORDS'] ?? '500000');
/** Rounds of (ceiling, aggregator), each with a new aggregator process, group and Redis prefix. */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? '5');
/** `typed`: a per-model record of typed features (TopicRecordNameStrategy, docs/schemas.md); `map`: the generic map of unions. */
const SHAPE = process.env['BENCH_SHAPE'] === 'map' ? 'map' : 'typed';
const PARTITIONS = 3;
const numeric = Array.from({ length: 16 }, (_, i) => `num_${i}`);
const categorical = ['segment', 'product', 'employment', 'marital_status'];

const stack = loadBenchStack();
/** The aggregator's configuration as the child process will load it (its fetch sizes). */
const config = loadConfig({ ...process.env, ...stack });
const clients = createKafkaClients({ brokers: stack.KAFKA_BROKERS.split(','), clientId: 'bench-aggregator' });
const serde = createAvroSerde({ registry: new HttpSchemaRegistry({ url: stack.SCHEMA_REGISTRY_URL }) });
const store = new RedisStateStore({ url: stack.REDIS_URL });

function record(i: number): PredictionLog {
  const features: Record<string, number | string> = {};
  numeric.forEach((name, k) => { features[name] = ((i * (k + 7)) % 1000) / 10 + k; });
  categorical.forEach((name, k) => { features[name] = `v${(i + k) % 5}`; });
  return {
    requestId: `r-${i}`, modelId: 'bench', modelVersion: '1', timestamp: 1_795_000_000_000 + i * 20, features,
    prediction: { label: null, score: (i % 100) / 100 }, slice: { region: `r${i % 3}`, channel: `c${i % 4}` }, subjectId: null,
  };
}

const typedSchema = toTypedPredictionSchema({ name: 'BenchPredictionLog', numeric, categorical });

const spec = {
  modelId: 'bench', prediction: { type: 'binary', labels: ['no', 'yes'], positiveLabel: 'yes' },
  features: [...numeric.map((name) => ({ name, type: 'numeric' })), ...categorical.map((name) => ({ name, type: 'categorical', categories: ['v0', 'v1', 'v2', 'v3'] }))],
  slices: { keys: ['region', 'channel'] }, windows: { size: 300_000, grace: 60_000 }, alerts: { cooldown: 300_000 },
};

interface Round { kafkaCeiling: number; ownCeiling: number; total: number; steady: number; kafkaRatio: number; ratio: number; peakRss: number }

/** Runs one aggregator process on the topics of `prefix` until every record is in the Redis watermarks. */
async function runAggregator(prefix: string, redisPrefix: string, predictions: string, ends: ReadonlyMap<number, string>): Promise<{ total: number; steady: number; peakRss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(process.env['BENCH_CPU_PROF'] === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`]), ...(process.env['BENCH_NODE_FLAGS']?.split(' ').filter((f) => f !== '') ?? []), '--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services/aggregator/src/main.ts')], {
    env: { ...process.env, ...stack, DRIFTLINE_TOPIC_PREFIX: prefix, DRIFTLINE_REDIS_PREFIX: redisPrefix, AGGREGATOR_GROUP_ID: `${redisPrefix}aggregator`, HTTP_PORT: '0', LOG_LEVEL: 'warn', DEFAULT_METRICS: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let peakRss = 0;
    let firstProgress = 0;
    /** Records already applied when the first flush was seen (they are not counted in the steady rate). */
    let appliedAtFirst = 0;
    for (;;) {
      const status = readFileSync(`/proc/${child.pid ?? 0}/status`, 'utf8');
      peakRss = Math.max(peakRss, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
      const marks = await Promise.all([...ends.keys()].map((p) => store.getWatermark(toWatermarkKey(redisPrefix), toPartitionField(predictions, p))));
      if (firstProgress === 0 && marks.some((m) => m !== undefined)) {
        firstProgress = performance.now();
        appliedAtFirst = marks.reduce<number>((sum, m) => sum + (m ?? -1) + 1, 0);
      }
      if (marks.every((m, i) => m === Number([...ends.values()][i]) - 1)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const elapsed = performance.now() - started;
    return { total: rate(N, elapsed), steady: rate(N - appliedAtFirst, started + elapsed - firstProgress), peakRss };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await store.deleteByPrefix(redisPrefix);
  }
}

async function main(): Promise<void> {
  const topics = await createBenchTopics(clients, PARTITIONS);
  const prefix = topics.prefix;
  try {
    const predictions = topics.topic(TopicRole.PREDICTIONS);
    await publishBenchSpec(clients, serde, topics, spec);
    const encode = SHAPE === 'map'
      ? await serde.encoderFor(toTopicSubject(predictions), predictionLogSchema)
      : await serde.encoderFor(toTopicRecordSubject(predictions, 'io.driftline.BenchPredictionLog'), typedSchema);
    for (let i = 0; i < N; i += 5000) {
      await clients.publisher.publish(Array.from({ length: Math.min(5000, N - i) }, (_, j) => ({ topic: predictions, key: `r-${i + j}`, value: encode(record(i + j)) })));
    }
    const ends = await clients.admin.endOffsets(predictions);
    const fetch = { maxBytesPerPartition: config.AGGREGATOR_FETCH_PARTITION_MIB * 1_048_576, maxBytes: config.AGGREGATOR_FETCH_MIB * 1_048_576 };
    const rounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // The ceiling with bench:kafka's fetch sizes and with the aggregator's (larger fetches, fewer
      // round trips), measured right before the aggregator's run: the ratio is to the higher one.
      const kafkaCeiling = await measureConsume(clients, serde, predictions, N, true);
      const ownCeiling = await measureConsume(clients, serde, predictions, N, true, fetch);
      const run = await runAggregator(prefix, `${prefix}${round}-dl:`, predictions, ends);
      rounds.push({ kafkaCeiling, ownCeiling, ...run, kafkaRatio: run.steady / kafkaCeiling, ratio: run.steady / Math.max(kafkaCeiling, ownCeiling) });
    }
    const fmt = (n: number): string => n.toLocaleString('en-US');
    console.log(`\nbench:aggregator  ${N} predictions, 20 features (16 numeric, 4 categorical) as ${SHAPE === 'map' ? 'a map of unions' : 'a typed per-model record'}, slices: overall + region (3) + channel (4), ${PARTITIONS} partitions, one aggregator process (a new one each round), Node ${process.version}\n`);
    console.log(`| round | ceiling, bench:kafka fetch sizes (4 MiB per partition, 10 MiB per fetch) (records/s) | ceiling, the aggregator's fetch sizes (${config.AGGREGATOR_FETCH_PARTITION_MIB} MiB, ${config.AGGREGATOR_FETCH_MIB} MiB) (records/s) | aggregator, start to all in Redis (records/s) | aggregator, first flush to all in Redis (records/s) | aggregator / bench:kafka ceiling | aggregator / higher ceiling | peak RSS (MiB) |`);
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    rounds.forEach((r, i) => { console.log(`| ${i + 1} | ${fmt(r.kafkaCeiling)} | ${fmt(r.ownCeiling)} | ${fmt(r.total)} | ${fmt(r.steady)} | ${r.kafkaRatio.toFixed(2)} | ${r.ratio.toFixed(2)} | ${(r.peakRss / 1_048_576).toFixed(0)} |`); });
    const median = (pick: (r: Round) => number): number => { const v = rounds.map(pick).sort((a, b) => a - b); return v[Math.floor((v.length - 1) / 2)] ?? 0; };
    console.log(`| median | ${fmt(median((r) => r.kafkaCeiling))} | ${fmt(median((r) => r.ownCeiling))} | ${fmt(median((r) => r.total))} | ${fmt(median((r) => r.steady))} | ${median((r) => r.kafkaRatio).toFixed(2)} | ${median((r) => r.ratio).toFixed(2)} | ${(median((r) => r.peakRss) / 1_048_576).toFixed(0)} |`);
    console.log('\n"first flush to all in Redis" counts the records applied after the first flush, over the time after it (start-up, group join and JIT warm-up excluded, as the ceiling starts at its first batch).');
    console.log('targets: >= 50,000 records/s and >= 50% of the consume + decode ceiling of bench:kafka (the median round; each round\'s ceilings are measured just before it; the ratio to the higher ceiling is the stricter reading)');
  } finally {
    await store.close();
    await topics.remove();
    await clients.disconnect();
  }
}

await main();
