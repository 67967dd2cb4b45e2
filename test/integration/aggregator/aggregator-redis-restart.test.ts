// Redis restarts without persistence in the middle of a run: the aggregator notices its state is
// gone (DL_STATE_LOST), exits non-zero without committing; restarted, it rebuilds every window from
// the topic and ends equal to an exact recount. Uses a private Redis so other suites are not touched.
import { describe, expect, it, onTestFinished } from 'vitest';
import { RedisStateStore } from '@driftline/redis-state';
import { toTopicSubject } from '@driftline/kafka';
import { TopicRole, predictionLogSchema } from '@driftline/schemas';
import { toPartitionField, toWatermarkKey } from '@driftline/aggregator';
import { createTestKafka, createTestSerde, createTestTopics } from '../../support/kafka-factories.ts';
import { waitFor } from '../../support/wait-for.ts';
import { freePort, startPrivateRedis } from '../../support/private-redis.ts';
import { aggregatorEnv, compareHashes, parseSpec, publishSpec, readPartitions, recount, startAggregator } from '../../support/aggregator-harness.ts';
import { buildPredictionLog } from '../../fixtures/prediction-logs.ts';

const spec = parseSpec({
  modelId: 'credit', prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' },
  features: [{ name: 'age', type: 'numeric' }, { name: 'income', type: 'numeric' }, { name: 'marital_status', type: 'categorical', categories: ['married', 'single'] }],
  slices: { keys: ['region'] }, windows: { size: '1m', grace: '30s' }, alerts: { cooldown: '1m' },
});

describe('aggregator when Redis loses its state', () => {
  it('exits on DL_STATE_LOST and, restarted, rebuilds from the topic to an exact recount', async () => {
    // Arrange
    const port = await freePort();
    let redis = await startPrivateRedis(port);
    const redisUrl = redis.url;
    const store = new RedisStateStore({ url: redisUrl });
    onTestFinished(() => store.close());
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 2 });
    const predictions = topics.name(TopicRole.PREDICTIONS);
    await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), spec);
    const encode = await serde.encoderFor(toTopicSubject(predictions), predictionLogSchema);
    const produce = (from: number, to: number): Promise<void> => clients.publisher.publish(Array.from({ length: to - from }, (_, j) => {
      const r = buildPredictionLog(from + j, { timestamp: 1_795_000_000_000 + (from + j) * 100 });
      return { topic: predictions, key: r.requestId, value: encode(r) };
    }));
    const env = { ...aggregatorEnv(topics.prefix), REDIS_URL: redisUrl };
    const prefix = env.DRIFTLINE_REDIS_PREFIX;
    const applied = async (): Promise<number> => {
      const marks = await Promise.all([0, 1].map((p) => store.getWatermark(toWatermarkKey(prefix), toPartitionField(predictions, p))));
      return marks.reduce<number>((s, m) => s + (m ?? -1) + 1, 0);
    };
    await produce(0, 5000);

    // Act 1: the first run folds everything, then Redis restarts empty and more records arrive
    const first = startAggregator(env);
    await waitFor(async () => ((await applied()) === 5000 ? true : undefined), { what: 'the first 5000 records in Redis', timeoutMs: 60_000, intervalMs: 100 });
    redis.process.kill('SIGKILL');
    await new Promise((r) => redis.process.once('exit', r));
    redis = await startPrivateRedis(port);
    await waitFor(async () => { await store.ping(); return true; }, { what: 'the store reconnected' });
    await produce(5000, 6000);
    const code = await first.exited;

    // Act 2: restarted (as an orchestrator would), it rebuilds from the topic
    startAggregator(env);
    await waitFor(async () => ((await applied()) === 6000 ? true : undefined), { what: 'all 6000 records rebuilt in Redis', timeoutMs: 90_000, intervalMs: 100 });

    // Assert
    expect(code).not.toBe(0);
    const expected = await recount(spec, await readPartitions(clients, serde, [predictions]), { redisPrefix: prefix, predictionsTopic: predictions });
    const actual = new Map(await Promise.all([...expected.keys()].map(async (key) => [key, await store.getHashFields(key)] as const)));
    expect(compareHashes(expected, actual)).toEqual([]);
  });
});
