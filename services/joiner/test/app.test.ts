// The joiner wired with fakes: in-memory broker, schema registry and pending store.
import { describe, expect, it, onTestFinished } from 'vitest';
import { Registry } from 'prom-client';
import { InMemoryBroker, InMemorySchemaRegistry, createAvroSerde, toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, MessagePublisher, OutboundMessage } from '@driftline/kafka';
import { InMemoryPendingJoinStore } from '@driftline/redis-state';
import type { PendingJoinStore } from '@driftline/redis-state';
import { groundTruthSchema, predictionLogSchema } from '@driftline/schemas';
import type { DeadLetter, GroundTruth, Outcome, PredictionLog } from '@driftline/schemas';
import { createLogger } from '@driftline/service-kit';
import { InMemorySubjectKeyStore, createPseudonymizer, createSubjectCrypto } from '@driftline/privacy';
import { createApp } from '../src/app.ts';
import type { JoinerApp } from '../src/app.ts';
import { createJoinerMetrics } from '../src/metrics.ts';

const HOUR = 3_600_000;
const PEPPER = 'a-test-pepper-of-at-least-32-bytes';
const T0 = 1_795_000_000_000;
const topics = { predictions: 'predictions', labels: 'labels', outcomes: 'outcomes', deadLetters: 'dead-letters' } as const;

const prediction = (id: string, timestamp: number, overrides: Partial<PredictionLog> = {}): PredictionLog => ({
  requestId: id, modelId: 'credit', modelVersion: '3', timestamp, features: { age: 41, income: 52_000.5, zip: null, has_card: true },
  prediction: { label: 'approve', score: 0.83 }, slice: { region: 'eu' }, subjectId: 'customer-1', ...overrides,
});
const label = (id: string, timestamp: number, overrides: Partial<GroundTruth> = {}): GroundTruth => ({ requestId: id, modelId: 'credit', label: 'approve', value: null, timestamp, ...overrides });

interface Harness {
  broker: InMemoryBroker;
  serde: AvroSerde;
  store: InMemoryPendingJoinStore;
  keys: InMemorySubjectKeyStore;
  registry: Registry;
  start(overrides?: { publisher?: MessagePublisher; store?: PendingJoinStore }): Promise<JoinerApp>;
  send(records: readonly ({ p: PredictionLog } | { l: GroundTruth })[]): Promise<void>;
  outcomes(): Promise<{ key: string; value: Outcome }[]>;
  deadLetters(): Promise<{ key: string; value: DeadLetter }[]>;
  metric(name: string): Promise<{ labels: Record<string, string | number>; value: number }[]>;
}

function setup(options: { labelPartitions?: number; windowMs?: number; graceMs?: number } = {}): Harness {
  const broker = new InMemoryBroker();
  broker.createTopic(topics.predictions, 3);
  if (options.labelPartitions !== 0) broker.createTopic(topics.labels, options.labelPartitions ?? 3);
  broker.createTopic(topics.outcomes, 3);
  broker.createTopic(topics.deadLetters, 3);
  const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });
  const store = new InMemoryPendingJoinStore({ ttlMs: 30 * 24 * HOUR });
  const keys = new InMemorySubjectKeyStore();
  const crypto = createSubjectCrypto({ pseudonymizer: createPseudonymizer({ pepper: PEPPER }), keys });
  const registry = new Registry();
  const metrics = createJoinerMetrics(registry);
  const decodeAll = async (topic: string): Promise<{ key: string; value: unknown }[]> =>
    Promise.all(broker.messages(topic).map(async (m) => ({ key: m.key?.toString() ?? '', value: (await serde.decode(m.value ?? Buffer.alloc(0))).value })));
  return {
    broker, serde, store, keys, registry,
    async start(overrides = {}) {
      const app = createApp({
        source: broker.source('joiner', { maxBatch: 7 }), publisher: overrides.publisher ?? broker.publisher(), admin: broker.admin(), serde, store: overrides.store ?? store, crypto, metrics,
        logger: createLogger({ service: 'joiner-test', level: 'silent' }), now: () => T0,
        config: { topics, windowMs: options.windowMs ?? 24 * HOUR, graceMs: options.graceMs ?? 60_000, group: 'joiner' },
      });
      await app.start();
      onTestFinished(() => app.stop());
      return app;
    },
    async send(records) {
      const p = await serde.encoderFor(toTopicSubject(topics.predictions), predictionLogSchema);
      const l = await serde.encoderFor(toTopicSubject(topics.labels), groundTruthSchema);
      const out: OutboundMessage[] = records.map((r) => ('p' in r
        ? { topic: topics.predictions, key: r.p.requestId, value: p(r.p) }
        : { topic: topics.labels, key: r.l.requestId, value: l(r.l) }));
      for (const m of out) await broker.publisher().publish([m]);
    },
    outcomes: async () => (await decodeAll(topics.outcomes)) as { key: string; value: Outcome }[],
    deadLetters: async () => (await decodeAll(topics.deadLetters)) as { key: string; value: DeadLetter }[],
    async metric(name) {
      const found = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
      return (found?.values ?? []).map((v) => ({ labels: { ...v.labels } as Record<string, string | number>, value: v.value }));
    },
  };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves once the joiner has consumed everything published so far. */
async function drained(h: Harness): Promise<void> {
  const admin = h.broker.admin();
  await until(async () => {
    for (const topic of [topics.predictions, topics.labels]) {
      const [ends, committed] = [await admin.endOffsets(topic), await admin.committedOffsets('joiner', topic)];
      for (const [p, end] of ends) if (Number(end) > 0 && committed.get(p) !== end) return undefined;
    }
    return true;
  }, 'the joiner to catch up');
}

describe('joiner app', () => {
  it('joins a label to its prediction whichever arrives first, into an Outcome keyed by requestId', async () => {
    // Arrange
    const h = setup();
    await h.start();

    // Act
    await h.send([{ p: prediction('a', T0) }, { l: label('a', T0 + HOUR) }, { l: label('b', T0 + 2 * HOUR, { label: null, value: 7.5 }) }, { p: prediction('b', T0 + 1000) }]);
    await drained(h);

    // Assert
    const outcomes = await h.outcomes();
    expect(outcomes.map((o) => o.key).sort()).toEqual(['a', 'b']);
    expect(outcomes.find((o) => o.key === 'a')?.value).toEqual({
      requestId: 'a', modelId: 'credit', modelVersion: '3', predictionTimestamp: T0, labelTimestamp: T0 + HOUR, labelDelayMs: HOUR,
      features: { age: 41, income: 52_000.5, zip: null, has_card: true }, prediction: { label: 'approve', score: 0.83 },
      label: 'approve', value: null, slice: { region: 'eu' }, subjectId: 'customer-1',
    });
    expect(outcomes.find((o) => o.key === 'b')?.value).toMatchObject({ labelDelayMs: 2 * HOUR - 1000, label: null, value: 7.5 });
    expect(await h.metric('driftline_joiner_matches_total')).toEqual([{ labels: {}, value: 2 }]);
    expect(await h.metric('driftline_joiner_labels_total')).toEqual([{ labels: {}, value: 2 }]);
    expect(await h.deadLetters()).toEqual([]);
  });

  it('produces one Outcome for duplicated predictions and labels, the first of each side winning', async () => {
    const h = setup();
    await h.start();

    await h.send([{ p: prediction('a', T0) }, { p: prediction('a', T0, { modelVersion: '4' }) }, { l: label('a', T0 + 5) }, { l: label('a', T0 + 9, { label: 'decline' }) }, { p: prediction('a', T0) }]);
    await drained(h);

    const outcomes = await h.outcomes();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]?.value).toMatchObject({ requestId: 'a', modelVersion: '3', label: 'approve', labelDelayMs: 5 });
    const ignored = await h.metric('driftline_joiner_ignored_records_total');
    expect(ignored.reduce((n, v) => n + v.value, 0)).toBe(3);
  });

  it('dead-letters a label outside its prediction window, or before it, with the reason, and produces no Outcome', async () => {
    const h = setup({ windowMs: HOUR });
    await h.start();

    await h.send([{ p: prediction('late', T0) }, { l: label('late', T0 + HOUR + 1) }, { l: label('early', T0 - 1) }, { p: prediction('early', T0) }, { p: prediction('other', T0) }, { l: label('other', T0, { modelId: 'fraud' }) }]);
    await drained(h);

    const letters = await h.deadLetters();
    expect(await h.outcomes()).toEqual([]);
    expect(letters.map((l) => [l.key, l.value.reason]).sort()).toEqual([['early', 'DL_JOINER_LABEL_BEFORE_PREDICTION'], ['late', 'DL_JOINER_EXPIRED'], ['other', 'DL_JOINER_MODEL_MISMATCH']]);
    const late = letters.find((l) => l.key === 'late')?.value;
    expect(late).toMatchObject({ sourceTopic: topics.labels, service: 'joiner', failedAt: T0 });
    expect((await h.serde.decode<GroundTruth>(Buffer.from(late?.originalValue ?? []))).value).toEqual(label('late', T0 + HOUR + 1));
    expect((await h.metric('driftline_joiner_unmatched_labels_total')).map((m) => m.labels['reason']).sort()).toEqual(['DL_JOINER_EXPIRED', 'DL_JOINER_LABEL_BEFORE_PREDICTION', 'DL_JOINER_MODEL_MISMATCH']);
  });

  it('dead-letters the label of a pair that does not fit the Outcome schema, and goes on joining', async () => {
    // Arrange: a per-model prediction record (TopicRecordNameStrategy) whose features are not scalars
    const h = setup();
    await h.start();
    const custom = {
      type: 'record', name: 'CreditPrediction', namespace: 'io.example', fields: [
        { name: 'requestId', type: 'string' }, { name: 'modelId', type: 'string' }, { name: 'modelVersion', type: 'string' }, { name: 'timestamp', type: 'long' },
        { name: 'features', type: { type: 'record', name: 'CreditFeatures', fields: [{ name: 'tags', type: { type: 'array', items: 'string' } }] } },
        { name: 'prediction', type: { type: 'record', name: 'P', fields: [{ name: 'label', type: ['null', 'string'] }, { name: 'score', type: ['null', 'double'] }] } },
        { name: 'slice', type: { type: 'map', values: 'string' } }, { name: 'subjectId', type: ['null', 'string'] },
      ],
    };
    const encode = await h.serde.encoderFor(`${topics.predictions}-io.example.CreditPrediction`, custom);
    const odd = { requestId: 'odd', modelId: 'credit', modelVersion: '1', timestamp: T0, features: { tags: ['vip'] }, prediction: { label: 'approve', score: null }, slice: {}, subjectId: null };
    await h.broker.publisher().publish([{ topic: topics.predictions, key: 'odd', value: encode(odd) }]);

    // Act
    await h.send([{ l: label('odd', T0 + 1) }, { p: prediction('fine', T0) }, { l: label('fine', T0 + 1) }]);
    await drained(h);

    // Assert
    expect((await h.deadLetters()).map((l) => [l.key, l.value.reason, l.value.detail.includes('vip')])).toEqual([['odd', 'DL_JOINER_INVALID_OUTCOME', false]]);
    expect((await h.outcomes()).map((o) => o.key)).toEqual(['fine']);
  });

  it('dead-letters a label for an unknown prediction once the predictions of its partition pass its time plus the grace', async () => {
    const h = setup({ graceMs: 60_000 });
    await h.start();
    // Keys land in partitions by murmur2; find a prediction id in the label's partition to move time.
    await h.send([{ l: label('ghost', T0) }]);
    await drained(h);
    const partition = h.broker.messages(topics.labels)[0]?.partition;
    const sameSlot = (ids: string[]): Promise<string> => until(async () => {
      await h.send(ids.map((id) => ({ p: prediction(id, T0 - HOUR) })));
      return h.broker.messages(topics.predictions).find((m) => m.partition === partition)?.key?.toString();
    }, 'a prediction in the label partition');
    const neighbour = await sameSlot(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8']);

    // Act 1: the predictions reach the label time but not the grace: the label still waits.
    await h.send([{ p: prediction(neighbour, T0 + 59_999) }]);
    await drained(h);
    expect(await h.deadLetters()).toEqual([]);
    expect(await h.metric('driftline_joiner_pending')).toContainEqual({ labels: { partition: String(partition) }, value: 1 });

    // Act 2: past the grace
    await h.send([{ p: prediction(neighbour, T0 + 60_000) }]);
    await drained(h);

    // Assert
    const letters = await h.deadLetters();
    expect(letters.map((l) => [l.key, l.value.reason])).toEqual([['ghost', 'DL_JOINER_UNKNOWN_PREDICTION']]);
    expect(await h.metric('driftline_joiner_pending')).toContainEqual({ labels: { partition: String(partition) }, value: 0 });
    // A label arriving after that point is dead-lettered at once, and a late prediction is ignored.
    await h.send([{ p: prediction('ghost', T0) }, { l: label('ghost-2', T0 - 1000) }]);
    await drained(h);
    expect(await h.outcomes()).toEqual([]);
  });

  it('re-produces a claimed Outcome after a crash between the claim and the produce, exactly once', async () => {
    // Arrange: a publisher that fails the first outcome produce, stopping the consume loop.
    const h = setup();
    const real = h.broker.publisher();
    let failures = 1;
    const flaky: MessagePublisher = {
      publish: (messages) => (messages.some((m) => m.topic === topics.outcomes) && failures-- > 0 ? Promise.reject(new Error('crash')) : real.publish(messages)),
    };
    const first = await h.start({ publisher: flaky });
    await h.send([{ p: prediction('a', T0) }, { l: label('a', T0 + 10) }]);
    await expect(first.done()).rejects.toThrow('crash');
    expect(await h.outcomes()).toEqual([]);
    expect((await h.store.peek(['a']))[0]?.resolution).toMatchObject({ kind: 'outcome', done: false });

    // Act: restart on the same group and store
    await h.start();
    await drained(h);

    // Assert
    expect((await h.outcomes()).map((o) => o.key)).toEqual(['a']);
    expect((await h.store.peek(['a']))[0]?.resolution).toMatchObject({ kind: 'outcome', done: true, payload: '' });
    expect(await h.metric('driftline_joiner_republished_total')).toEqual([{ labels: {}, value: 1 }]);
  });

  it('retries a chunk whose pending join changed between reading and claiming, then joins what is stored', async () => {
    // Arrange: before the first claim, another writer replaces the waiting prediction (erasure + a new copy).
    const h = setup();
    const inner = h.store;
    let raced = false;
    const racing: PendingJoinStore = {
      join: (r) => inner.join(r), peek: (ids) => inner.peek(ids), complete: (i) => inner.complete(i),
      advanceStreamTime: (p, t) => inner.advanceStreamTime(p, t), streamTime: (p) => inner.streamTime(p),
      indexWaitingLabels: (p, i) => inner.indexWaitingLabels(p, i), dueLabels: (p, u, l) => inner.dueLabels(p, u, l),
      unindexLabels: (p, ids) => inner.unindexLabels(p, ids), countWaitingLabels: (p) => inner.countWaitingLabels(p),
      deleteByRequestId: (id) => inner.deleteByRequestId(id), ping: () => inner.ping(), close: () => inner.close(),
      async claim(claims) {
        if (!raced && claims.length > 0) {
          raced = true;
          const [view] = await inner.peek(['a']);
          await inner.deleteByRequestId('a');
          if (view?.prediction !== undefined) await inner.join([{ requestId: 'a', side: 'prediction', entry: { ...view.prediction, tag: 'p:9:9' } }]);
        }
        return inner.claim(claims);
      },
    };
    await h.start({ store: racing });

    // Act
    await h.send([{ p: prediction('a', T0) }, { l: label('a', T0 + 10) }]);
    await drained(h);

    // Assert
    expect(raced).toBe(true);
    expect((await h.outcomes()).map((o) => [o.key, o.value.labelDelayMs])).toEqual([['a', 10]]);
    expect((await h.store.peek(['a']))[0]?.resolution).toMatchObject({ kind: 'outcome', done: true });
  });

  it('forgets what it holds for a requestId on an erasure tombstone', async () => {
    const h = setup();
    await h.start();
    await h.send([{ p: prediction('a', T0) }]);
    await drained(h);

    await h.broker.publisher().publish([{ topic: topics.predictions, key: 'a', value: null }]);
    await drained(h);

    expect(await h.store.peek(['a'])).toEqual([{}]);
  });

  it('keeps a waiting prediction of a subject sealed under its key, and forgets it once that key is shredded', async () => {
    // Arrange
    const h = setup();
    await h.start();
    await h.send([{ p: prediction('a', T0, { subjectId: 'customer-7' }) }, { p: prediction('b', T0, { subjectId: 'customer-8' }) }]);
    await drained(h);
    const [waiting] = await h.store.peek(['a']);
    const stored = waiting?.prediction?.payload ?? '';

    // Act: customer-7 is erased (key shredded); both labels arrive
    await h.keys.shred([createPseudonymizer({ pepper: PEPPER }).toPseudonym('customer-7')]);
    await h.send([{ l: label('a', T0 + 10) }, { l: label('b', T0 + 10) }]);
    await drained(h);

    // Assert
    expect(stored).toMatch(/^dlenc1\./);
    expect(Buffer.from(stored).toString()).not.toContain('customer-7');
    expect((await h.outcomes()).map((o) => [o.key, o.value.subjectId])).toEqual([['b', 'customer-8']]);
    expect(await h.deadLetters()).toEqual([]);
    expect(await h.store.peek(['a'])).toEqual([{}]);
    expect(await h.metric('driftline_joiner_ignored_records_total')).toEqual([{ labels: { side: 'prediction', reason: 'erased' }, value: 1 }]);
  });

  it.each([
    ['predictions and labels have different partition counts', 2, /predictions has 3 partitions and labels has 2/],
    ['an input topic does not exist', 0, /labels do not exist/],
  ])('refuses to start when %s', async (_what, labelPartitions, message) => {
    const h = setup({ labelPartitions });

    await expect(h.start()).rejects.toMatchObject({ code: 'DL_JOINER_NOT_COPARTITIONED', message: expect.stringMatching(message) as unknown });
  });
});
