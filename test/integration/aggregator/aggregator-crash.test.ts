// Kill the aggregator with SIGKILL at 10 random moments of a 200,000-record run, restart it each
// time; at the end the Redis statistics equal an exact recount of the topic (design.md §6).
import { describe, expect, it, onTestFinished } from 'vitest';
import { RedisStateStore } from '@driftline/redis-state';
import { toTopicSubject } from '@driftline/kafka';
import { TopicRole, predictionLogSchema } from '@driftline/schemas';
import { toPartitionField, toWatermarkKey } from '@driftline/aggregator';
import { createTestKafka, createTestSerde, createTestTopics } from '../../support/kafka-factories.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { waitFor } from '../../support/wait-for.ts';
import { aggregatorEnv, compareHashes, parseSpec, publishSpec, readPartitions, recount, startAggregator } from '../../support/aggregator-harness.ts';
import { buildPredictionLog } from '../../fixtures/prediction-logs.ts';

const RECORDS = Number(process.env['AGG_CRASH_RECORDS'] ?? '200000');
const KILLS = Number(process.env['AGG_CRASH_KILLS'] ?? '10');

const spec = parseSpec({
  modelId: 'credit',
  prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' },
  features: [
    { name: 'age', type: 'numeric', range: { min: 18, max: 70 } },
    { name: 'income', type: 'numeric' },
    { name: 'debt_ratio', type: 'numeric', range: { min: 0, max: 1 } },
    { name: 'marital_status', type: 'categorical', categories: ['married', 'single'] },
    { name: 'has_card', type: 'boolean' },
  ],
  slices: { keys: ['region', 'marital_status'], maxValuesPerKey: 10 },
  windows: { size: '1m', grace: '30s' },
  alerts: { cooldown: '1m' },
});

describe('aggregator crash safety', () => {
  it(`equals an exact recount after ${KILLS} SIGKILLs during a ${RECORDS}-record run`, async () => {
    // Arrange
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 3 });
    const predictions = topics.name(TopicRole.PREDICTIONS);
    await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), spec);
    const encode = await serde.encoderFor(toTopicSubject(predictions), predictionLogSchema);
    for (let i = 0; i < RECORDS; i += 10_000) {
      // ~20 records per second of event time, mostly in order, 1 in 50 up to 2 minutes late
      await clients.publisher.publish(Array.from({ length: Math.min(10_000, RECORDS - i) }, (_, j) => {
        const n = i + j;
        const record = buildPredictionLog(n, { timestamp: 1_795_000_000_000 + n * 50 - (n % 50 === 0 ? 120_000 : 0) });
        return { topic: predictions, key: record.requestId, value: encode(record) };
      }));
    }
    const ends = await clients.admin.endOffsets(predictions);
    // Chunks far below the default 50,000, so that a run of 200,000 records has many flushes to die between.
    const env = { ...aggregatorEnv(topics.prefix), AGGREGATOR_CHUNK_SIZE: '4000' };
    const store = new RedisStateStore({ url: stackEnv().redisUrl });
    onTestFinished(async () => { await store.deleteByPrefix(env.DRIFTLINE_REDIS_PREFIX); await store.close(); });
    const watermarks = async (): Promise<number[]> => Promise.all([...ends.keys()].map(async (p) => (await store.getWatermark(toWatermarkKey(env.DRIFTLINE_REDIS_PREFIX), toPartitionField(predictions, p))) ?? -1));
    const progress = async (): Promise<number> => (await watermarks()).reduce((s, w) => s + w + 1, 0);

    // Act: kill at random moments while it works (kill k somewhere in the k-th of KILLS + 1 slices of
    // the run, so every kill lands mid-run however fast it goes), restart each time
    const kills: number[] = [];
    let running = startAggregator(env);
    for (let k = 0; k < KILLS; k++) {
      const threshold = Math.floor((RECORDS * (k + 0.2 + 0.6 * Math.random())) / (KILLS + 1));
      await waitFor(async () => ((await progress()) >= threshold ? true : undefined), { what: `${threshold} records applied before kill ${k + 1}`, timeoutMs: 90_000, intervalMs: 10 });
      running.child.kill('SIGKILL');
      await running.exited;
      kills.push(await progress());
      running = startAggregator(env);
    }
    await waitFor(async () => ((await watermarks()).every((w, i) => w === Number([...ends.values()][i]) - 1) ? true : undefined), { what: 'every record applied', timeoutMs: 120_000, intervalMs: 200 });
    await running.started;
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);

    // Assert
    expect(kills.filter((k) => k < RECORDS)).toHaveLength(KILLS); // every kill hit a run in progress
    const expected = await recount(spec, await readPartitions(clients, serde, [predictions]), { redisPrefix: env.DRIFTLINE_REDIS_PREFIX, predictionsTopic: predictions });
    const actual = new Map(await Promise.all([...expected.keys()].map(async (key) => [key, await store.getHashFields(key)] as const)));
    expect(compareHashes(expected, actual)).toEqual([]);
    expect(expected.size).toBeGreaterThan(100);
  }, 600_000);
});
