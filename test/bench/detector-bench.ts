// npm run bench:detector: records/s of one detector process running ADWIN and Page-Hinkley on 20
// numeric features × (overall + 3 slices), and the latency from producing the record that makes a
// detector fire to the DriftEvent being readable on the topic (p50, p99), in two phases:
//   1. throughput: N stationary records produced up front; time from the first committed batch to
//      every record committed by the detector's group;
//   2. latency: with the detector caught up, records produced at a steady rate; every few seconds
//      one (feature, slice) shifts by 3σ; each event's latency is its consume time minus the
//      produce time of the record whose event time it names (windowEnd).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients, toTopicSubject } from '@driftline/kafka';
import { RedisStateStore } from '@driftline/redis-state';
import { predictionLogSchema } from '@driftline/schemas';
import type { DriftEvent, PredictionLog } from '@driftline/schemas';
import { createBenchTopics, loadBenchStack, publishBenchSpec, rate, repoRoot } from './bench-support.ts';

const N = Number(process.env['BENCH_RECORDS'] ?? '200000');
const SHIFTS = Number(process.env['BENCH_SHIFTS'] ?? '30');
const RATE = Number(process.env['BENCH_RATE'] ?? '5000');
const PARTITIONS = 3;
const features = Array.from({ length: 20 }, (_, i) => `f${i}`);
const regions = ['eu', 'us', 'apac'];
const T0 = 1_795_000_000_000;

const stack = loadBenchStack();
const clients = createKafkaClients({ brokers: stack.KAFKA_BROKERS.split(','), clientId: 'bench-detector' });
const serde = createAvroSerde({ registry: new HttpSchemaRegistry({ url: stack.SCHEMA_REGISTRY_URL }) });

let seed = 12345;
function normal(): number {
  const u = (): number => { seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0; return (seed + 1) / (2 ** 32 + 1); };
  return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

function record(i: number, shifted: ReadonlyMap<string, string>): PredictionLog {
  const region = regions[i % 3] ?? 'eu';
  const values: Record<string, number> = {};
  for (const f of features) values[f] = normal() + (shifted.get(f) === region ? 3 : 0);
  return { requestId: `r-${i}`, modelId: 'bench', modelVersion: '1', timestamp: T0 + i * 10, features: values, prediction: { label: null, score: 0.5 + 0.1 * normal() }, slice: { region }, subjectId: null };
}

const spec = {
  modelId: 'bench', prediction: { type: 'binary', labels: ['no', 'yes'], positiveLabel: 'yes' },
  features: features.map((name) => ({ name, type: 'numeric' })),
  slices: { keys: ['region'] }, windows: { size: '5m', grace: '1m' },
  // Page-Hinkley on standardised values: River's defaults (δ 0.005, λ 50, fading α = 0.9999) fire on unit-variance noise (docs/detector.md).
  detectors: { features: [{ kind: 'adwin' }, { kind: 'page-hinkley', params: { delta: 0.1, threshold: 50, alpha: 1 } }] },
  alerts: { cooldown: '30d' },
};

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const topics = await createBenchTopics(clients, PARTITIONS);
  const prefix = topics.prefix;
  const redisPrefix = `${prefix}dl:`;
  const group = `${prefix}detector`;
  const predictions = `${prefix}predictions`;
  const store = new RedisStateStore({ url: stack.REDIS_URL });
  const child = spawn(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services/detector/src/main.ts')], {
    env: { ...process.env, ...stack, DRIFTLINE_TOPIC_PREFIX: prefix, DRIFTLINE_REDIS_PREFIX: redisPrefix, DETECTOR_GROUP_ID: group, HTTP_PORT: '0', LOG_LEVEL: 'warn', DEFAULT_METRICS: 'false', DETECTOR_ATTRIBUTION_HOLD: '5s' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const events = new Map<number, { at: number; event: DriftEvent }>(); // windowEnd → consume time (epoch ms) and event
  const eventSource = clients.source({ groupId: `${prefix}events` });
  try {
    await publishBenchSpec(clients, serde, topics, spec);
    await eventSource.run({
      topics: [`${prefix}drift-events`], fromBeginning: true,
      onBatch: async (batch, control) => {
        const at = Date.now();
        for (const m of batch.messages) {
          if (m.value !== null) { const event = (await serde.decode<DriftEvent>(m.value)).value; events.set(event.windowEnd, { at, event }); }
          control.resolveOffset(m.offset);
        }
      },
    });
    const encode = await serde.encoderFor(toTopicSubject(predictions), predictionLogSchema);
    const none = new Map<string, string>();
    for (let i = 0; i < N; i += 5000) {
      await clients.publisher.publish(Array.from({ length: Math.min(5000, N - i) }, (_, j) => ({ topic: predictions, key: `r-${i + j}`, value: encode(record(i + j, none)) })));
    }
    const ends = await clients.admin.endOffsets(predictions);
    const committed = async (): Promise<number> => {
      const c = await clients.admin.committedOffsets(group, predictions);
      return [...c.values()].reduce((n, o) => n + Math.max(0, Number(o)), 0);
    };
    let first = 0;
    for (;;) {
      const done = await committed();
      if (first === 0 && done > 0) first = performance.now();
      if (done >= [...ends.values()].reduce((n, o) => n + Number(o), 0)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const throughput = rate(N, performance.now() - first);
    const falseAlarms = events.size;

    // Phase 2: steady rate, one 3σ shift of a (feature, slice) every SHIFT_EVERY records.
    const shiftEvery = Math.max(2000, Math.floor(RATE * 3));
    const shifted = new Map<string, string>();
    const producedAt = new Map<number, number>(); // event time → produce time
    const shiftsAt: number[] = [];
    let i = N;
    const endAt = N + (SHIFTS + 1) * shiftEvery;
    const batch = Math.max(1, Math.floor(RATE / 100));
    const startedAt = performance.now();
    while (i < endAt) {
      if ((i - N) % shiftEvery === 0 && i > N) {
        const k = (i - N) / shiftEvery - 1;
        const feature = features[k % features.length] ?? 'f0';
        if (!shifted.has(feature)) { shifted.set(feature, regions[k % 3] ?? 'eu'); shiftsAt.push(i); }
      }
      const messages = Array.from({ length: batch }, (_, j) => ({ topic: predictions, key: `r-${i + j}`, value: encode(record(i + j, shifted)) }));
      await clients.publisher.publish(messages);
      const now = Date.now();
      for (let j = 0; j < batch; j++) producedAt.set(T0 + (i + j) * 10, now);
      i += batch;
      const due = startedAt + ((i - N) / RATE) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const measured = [...events].flatMap(([windowEnd, { at, event }]) => { const p = producedAt.get(windowEnd); return p === undefined ? [] : [{ total: at - p, detect: event.detectedAt - p, event }]; });
    const latencies = measured.map((m) => m.total).sort((a, b) => a - b);
    const toDetect = measured.map((m) => m.detect).sort((a, b) => a - b);

    console.log(`\nbench:detector  20 numeric features × (overall + 3 slices) × ADWIN + Page-Hinkley, ${PARTITIONS} partitions, one detector process, Node ${process.version}\n`);
    console.log('| measure | value | target |\n|---|---:|---:|');
    console.log(`| throughput, ${N.toLocaleString('en-US')} stationary records (records/s) | ${throughput.toLocaleString('en-US')} | >= 30,000 |`);
    console.log(`| events on the stationary records (false alarms) | ${falseAlarms} | 0 |`);
    console.log(`| shifts injected at ${RATE.toLocaleString('en-US')} records/s / events after them | ${shiftsAt.length} / ${latencies.length} | |`);
    console.log(`| produce → event readable, p50 (ms) | ${percentile(latencies, 0.5).toFixed(0)} | |`);
    console.log(`| produce → event readable, p99 (ms) | ${percentile(latencies, 0.99).toFixed(0)} | < 1,000 |`);
    console.log(`| of which produce → detector publishes, p50 / p99 (ms) | ${percentile(toDetect, 0.5).toFixed(0)} / ${percentile(toDetect, 0.99).toFixed(0)} | |`);
    console.log('\nevents:');
    for (const { event } of events.values()) console.log(`  ${event.kind} ${event.slice} ${event.feature ?? '-'} ${event.statistic} ${event.severity} value=${event.value.toFixed(2)} at record ${String((event.windowEnd - T0) / 10)}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await eventSource.stop();
    await store.deleteByPrefix(redisPrefix);
    await store.close();
    await topics.remove();
    await clients.disconnect();
  }
}

await main();
