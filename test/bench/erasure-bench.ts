// npm run bench:erasure: request-to-receipt latency of erasure (delete mode) for subjects with 10,
// 1,000 and 100,000 records, with the eraser and the aggregator (the retraction of the person's
// records from the windows is part of each erasure) running as processes. Each subject's records
// are spread over the whole stream; requests are filed one at a time once the index and the
// aggregator have caught up. The clock runs from producing the request to reading its receipt.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients, toTopicSubject } from '@driftline/kafka';
import { RedisStateStore } from '@driftline/redis-state';
import { TopicRole, predictionLogSchema, subjectRequestSchema } from '@driftline/schemas';
import type { PredictionLog, SubjectReceipt } from '@driftline/schemas';
import { toPartitionField, toWatermarkKey } from '@driftline/aggregator';
import { createBenchTopics, loadBenchStack, publishBenchSpec, repoRoot } from './bench-support.ts';

const SIZES = [
  { records: 10, subjects: Number(process.env['BENCH_SMALL'] ?? '40') },
  { records: 1000, subjects: Number(process.env['BENCH_MEDIUM'] ?? '20') },
  { records: 100_000, subjects: Number(process.env['BENCH_LARGE'] ?? '2') },
] as const;
const OTHERS = Number(process.env['BENCH_OTHERS'] ?? '50000');
const PARTITIONS = 3;
const PEPPER = 'a-benchmark-pepper-of-at-least-32-bytes';
const TOKEN = 'a-benchmark-token-of-16+-chars';

const stack = loadBenchStack();
const clients = createKafkaClients({ brokers: stack.KAFKA_BROKERS.split(','), clientId: 'bench-erasure' });
const serde = createAvroSerde({ registry: new HttpSchemaRegistry({ url: stack.SCHEMA_REGISTRY_URL }) });
const store = new RedisStateStore({ url: stack.REDIS_URL });
const T0 = Date.now() - 6 * 3_600_000;

const spec = {
  modelId: 'bench', prediction: { type: 'binary', labels: ['no', 'yes'], positiveLabel: 'yes' },
  features: [{ name: 'age', type: 'numeric' }, { name: 'income', type: 'numeric' }, { name: 'segment', type: 'categorical', categories: ['a', 'b', 'c'] }, { name: 'email', type: 'categorical', pii: true }],
  slices: { keys: ['region'] }, windows: { size: 300_000, grace: 60_000 }, alerts: { cooldown: 300_000 },
};

/** BENCH_VERBOSE=1: the eraser logs each request with its time per step. */
const VERBOSE = process.env['BENCH_VERBOSE'] === '1';

function start(service: string, env: Record<string, string>): ChildProcess {
  const verbose = VERBOSE && service === 'eraser';
  return spawn(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, `services/${service}/src/main.ts`)], {
    env: { ...process.env, ...stack, LOG_LEVEL: verbose ? 'info' : 'warn', DEFAULT_METRICS: 'false', ...env }, stdio: ['ignore', verbose ? 'inherit' : 'ignore', 'inherit'],
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function until(probe: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const topics = await createBenchTopics(clients, PARTITIONS);
  const { prefix, topic } = topics;
  const redisPrefix = `${prefix}dl:`;
  const children: ChildProcess[] = [];
  try {
    await publishBenchSpec(clients, serde, topics, spec);
    // Every subject's records spread evenly over the stream, among OTHERS records of 10,000 other people.
    const owners: string[] = [];
    SIZES.forEach(({ records, subjects }) => { for (let s = 0; s < subjects; s++) for (let k = 0; k < records; k++) owners.push(`bench-${records}-${s}`); });
    for (let i = 0; i < OTHERS; i++) owners.push(`other-${i % 10_000}`);
    for (let i = owners.length - 1; i > 0; i--) { const j = (i * 7919 + 13) % (i + 1); [owners[i], owners[j]] = [owners[j] ?? '', owners[i] ?? '']; }
    const encode = await serde.encoderFor(toTopicSubject(topic(TopicRole.PREDICTIONS)), predictionLogSchema);
    const record = (i: number): PredictionLog => ({
      requestId: `r-${i}`, modelId: 'bench', modelVersion: '1', timestamp: T0 + Math.floor((i * 6 * 3_600_000) / owners.length),
      features: { age: 20 + (i % 60), income: 1000 * (i % 97), segment: ['a', 'b', 'c'][i % 3] ?? 'a', email: `${owners[i] ?? ''}@example.com` },
      prediction: { label: null, score: (i % 100) / 100 }, slice: { region: `r${i % 3}` }, subjectId: owners[i] ?? null,
    });
    const producedAt = performance.now();
    for (let i = 0; i < owners.length; i += 5000) {
      await clients.publisher.publish(Array.from({ length: Math.min(5000, owners.length - i) }, (_, j) => ({ topic: topic(TopicRole.PREDICTIONS), key: `r-${i + j}`, value: encode(record(i + j)) })));
    }
    const produceSeconds = (performance.now() - producedAt) / 1000;

    const [eraserGroup, aggregatorPort] = [`${prefix}eraser`, 20_000 + Math.floor(Math.random() * 20_000)];
    children.push(start('aggregator', { DRIFTLINE_TOPIC_PREFIX: prefix, DRIFTLINE_REDIS_PREFIX: redisPrefix, AGGREGATOR_GROUP_ID: `${prefix}aggregator`, HTTP_PORT: String(aggregatorPort), API_TOKEN: TOKEN }));
    children.push(start('eraser', {
      DRIFTLINE_TOPIC_PREFIX: prefix, DRIFTLINE_PSEUDONYM_PEPPER: PEPPER, DRIFTLINE_SUBJECT_KEY_PREFIX: `${redisPrefix}keys:`, ERASER_KEY_PREFIX: `${redisPrefix}erase:`, ERASER_JOINER_KEY_PREFIX: `${redisPrefix}join:`,
      ERASER_GROUP_ID: eraserGroup, ERASER_REQUESTS_GROUP_ID: `${prefix}eraser-requests`, ERASER_AGGREGATOR_URL: `http://127.0.0.1:${aggregatorPort}`, ERASER_AGGREGATOR_TOKEN: TOKEN, HTTP_PORT: '0',
    }));
    const ends = await clients.admin.endOffsets(topic(TopicRole.PREDICTIONS));
    const indexedAt = performance.now();
    await until(async () => {
      const committed = await clients.admin.committedOffsets(eraserGroup, topic(TopicRole.PREDICTIONS));
      const marks = await Promise.all([...ends.keys()].map((p) => store.getWatermark(toWatermarkKey(redisPrefix), toPartitionField(topic(TopicRole.PREDICTIONS), p))));
      return [...ends].every(([p, end]) => committed.get(p) === end) && marks.every((m, i) => m === Number([...ends.values()][i]) - 1);
    }, 'the index and the aggregator to catch up', 900_000);
    const catchUpSeconds = (performance.now() - indexedAt) / 1000;

    const receipts = new Map<string, { at: number; receipt: SubjectReceipt }>();
    const source = clients.source({ groupId: `${prefix}bench-receipts`, maxWaitTimeInMs: 20 });
    await source.run({
      topics: [topic(TopicRole.ERASURE_RECEIPTS)], fromBeginning: true,
      onBatch: async (batch, control) => {
        for (const m of batch.messages) {
          if (m.value !== null) receipts.set(m.key?.toString() ?? '', { at: performance.now(), receipt: (await serde.decode<SubjectReceipt>(m.value)).value });
          control.resolveOffset(m.offset);
        }
      },
    });
    const encodeRequest = await serde.encoderFor(toTopicSubject(topic(TopicRole.ERASURE_REQUESTS)), subjectRequestSchema);
    const rows: string[] = [];
    for (const { records, subjects } of SIZES) {
      const latencies: number[] = [];
      const inside: number[] = [];
      for (let s = 0; s < subjects; s++) {
        const requestId = randomUUID();
        const sent = performance.now();
        await clients.publisher.publish([{ topic: topic(TopicRole.ERASURE_REQUESTS), key: requestId, value: encodeRequest({ requestId, kind: 'ERASE', subjectId: `bench-${records}-${s}`, mode: null, changes: null, requestedAt: Date.now(), subjectPseudonym: null, erasedAt: null }) }]);
        await until(() => Promise.resolve(receipts.has(requestId)), `the receipt of ${requestId}`, 600_000);
        const got = receipts.get(requestId);
        if (got === undefined) continue;
        if (got.receipt.counts['predictions'] !== records) throw new Error(`receipt of a ${records}-record subject counts ${got.receipt.counts['predictions'] ?? 0} tombstones`);
        latencies.push(got.at - sent);
        inside.push(got.receipt.completedAt - got.receipt.receivedAt);
      }
      latencies.sort((a, b) => a - b);
      inside.sort((a, b) => a - b);
      rows.push(`| ${records.toLocaleString('en-US')} | ${latencies.length} | ${percentile(latencies, 50).toFixed(0)} | ${percentile(latencies, 99).toFixed(0)} | ${percentile(inside, 50).toFixed(0)} | ${percentile(inside, 99).toFixed(0)} |`);
    }
    await source.stop();
    console.log(`\nbench:erasure  ${owners.length.toLocaleString('en-US')} predictions (${OTHERS.toLocaleString('en-US')} of 10,000 other people), ${PARTITIONS} partitions; one eraser and one aggregator process; delete mode with the retraction from the windows; Node ${process.version}`);
    console.log(`produce ${produceSeconds.toFixed(1)} s; index + aggregator catch-up ${catchUpSeconds.toFixed(1)} s\n`);
    console.log('| records of the subject | requests | request → receipt p50 (ms) | p99 (ms) | inside the eraser p50 (ms) | p99 (ms) |\n|---:|---:|---:|---:|---:|---:|');
    for (const row of rows) console.log(row);
    console.log('\ntarget: p99 < 2,000 ms for 1,000 records (request → receipt)');
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => { if (c.exitCode !== null) r(null); else c.once('exit', r); })));
    await store.deleteByPrefix(redisPrefix);
    await store.close();
    await topics.remove();
    await clients.disconnect();
  }
}

await main();
