// Late events within and beyond the grace period land where docs/aggregator.md says, and the read
// API serves windows, rolling views, the k-anonymity floor and the bearer token.
import { describe, expect, it, onTestFinished } from 'vitest';
import { RedisStateStore } from '@driftline/redis-state';
import { toTopicSubject } from '@driftline/kafka';
import { TopicRole, predictionLogSchema } from '@driftline/schemas';
import { createTestKafka, createTestSerde, createTestTopics } from '../../support/kafka-factories.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { waitFor } from '../../support/wait-for.ts';
import { freePort } from '../../support/private-redis.ts';
import { aggregatorEnv, parseSpec, publishSpec, startAggregator } from '../../support/aggregator-harness.ts';
import { buildPredictionLog } from '../../fixtures/prediction-logs.ts';
import { parseWindowStats } from '@driftline/stats';

const T = 1_795_000_020_000 - (1_795_000_020_000 % 60_000); // a window start
const spec = parseSpec({
  modelId: 'credit', prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' },
  features: [{ name: 'age', type: 'numeric' }, { name: 'marital_status', type: 'categorical', categories: ['married', 'single'] }],
  slices: { keys: ['region'] }, windows: { size: '1m', grace: '30s' }, alerts: { cooldown: '1m' }, privacy: { kAnonymity: 1 },
});

interface WindowsBody { windows: { start: number; slice: string; records: number; late: number }[]; suppressed: number }

describe('aggregator late events and reads', () => {
  it('folds an event within the grace period, counts one beyond it as late, and serves the windows', async () => {
    // Arrange: one partition, so the order below is the order the aggregator sees
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 1 });
    const predictions = topics.name(TopicRole.PREDICTIONS);
    await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), spec);
    const encode = await serde.encoderFor(toTopicSubject(predictions), predictionLogSchema);
    const at = (i: number, offsetMs: number): { topic: string; key: string; value: Buffer } => {
      const r = buildPredictionLog(i, { timestamp: T + offsetMs, slice: { region: 'eu' } });
      return { topic: predictions, key: r.requestId, value: encode(r) };
    };
    const port = await freePort();
    const token = 'a-token-of-sixteen-chars';
    const env = aggregatorEnv(topics.prefix);
    const store = new RedisStateStore({ url: stackEnv().redisUrl });
    onTestFinished(async () => { await store.deleteByPrefix(env.DRIFTLINE_REDIS_PREFIX); await store.close(); });
    startAggregator({ ...env, HTTP_PORT: String(port), API_TOKEN: token, K_ANONYMITY: '2' });

    // Act: a (W0), b (W1), c (W0, within grace), d (W1, passes W0's close), e (W0, late)
    await clients.publisher.publish([at(1, 10_000), at(2, 80_000), at(3, 30_000), at(4, 100_000), at(5, 20_000)]);
    const url = `http://127.0.0.1:${port}/v1/models/credit/windows?from=${T - 60_000}&to=${T + 120_000}`;
    const body = await waitFor(async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
      if (res?.status !== 200) return undefined;
      const json = (await res.json()) as WindowsBody;
      return json.windows.filter((w) => w.slice === 'overall').reduce((s, w) => s + w.records + w.late, 0) === 5 ? json : undefined;
    }, { what: 'five records in the windows', timeoutMs: 60_000, intervalMs: 200 });
    const unauthorized = await fetch(url);
    const rolling = await fetch(`http://127.0.0.1:${port}/v1/models/credit/rolling?windows=2&to=${T + 60_000}`, { headers: { authorization: `Bearer ${token}` } });
    const detailed = (await (await fetch(`${url}&detail=stats&slice=overall`, { headers: { authorization: `Bearer ${token}` } })).json()) as { windows: { stats: { features: unknown; outcomes: { n: number } } }[] };
    const watermarks = (await (await fetch(`http://127.0.0.1:${port}/v1/watermarks`, { headers: { authorization: `Bearer ${token}` } })).json()) as { partitions: Record<string, { offset: number; eventTime: number | null }> };

    // Assert
    const overall = body.windows.filter((w) => w.slice === 'overall').map((w) => [w.start - T, w.records, w.late]);
    expect(overall).toEqual([[0, 2, 1], [60_000, 2, 0]]);
    expect(body.windows.filter((w) => w.slice === 'region=eu').map((w) => [w.start - T, w.records, w.late])).toEqual([[0, 2, 1], [60_000, 2, 0]]);
    expect(unauthorized.status).toBe(401);
    const views = ((await rolling.json()) as { views: { slice: string; records: number; sliceShare: number }[] }).views;
    expect(views.map((v) => [v.slice, v.records, v.sliceShare])).toEqual([['overall', 4, 1], ['region=eu', 4, 1]]);
    const firstAges = parseWindowStats(detailed.windows[0]?.stats.features)['age'];
    expect(firstAges?.counts.count).toBe(2);
    expect(watermarks.partitions[`${predictions}:0`]).toEqual({ offset: 4, eventTime: T + 100_000 });
  });
});
