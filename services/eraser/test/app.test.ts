// The eraser wired with fakes: in-memory broker, schema registry, subject index, key store and
// pending-join store; the aggregate corrector records what it is asked.
import { describe, expect, it, onTestFinished } from 'vitest';
import { Registry } from 'prom-client';
import { InMemoryBroker, InMemorySchemaRegistry, createAvroSerde, createMonitorTable, toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, InboundMessage } from '@driftline/kafka';
import { InMemoryPendingJoinStore, InMemorySubjectIndexStore } from '@driftline/redis-state';
import { InMemorySubjectKeyStore, createPseudonymizer, createSubjectCrypto } from '@driftline/privacy';
import { groundTruthSchema, predictionLogSchema, subjectRequestSchema } from '@driftline/schemas';
import type { DeadLetter, GroundTruth, PredictionLog, SubjectReceipt, SubjectRequest } from '@driftline/schemas';
import { createLogger } from '@driftline/service-kit';
import { createApp } from '../src/app.ts';
import { createEraserMetrics } from '../src/metrics.ts';
import type { CorrectionRecord } from '../src/ports.ts';

const T0 = 1_795_000_000_000;
const PEPPER = 'a-test-pepper-of-at-least-32-bytes';
const topics = { predictions: 'predictions', labels: 'labels', outcomes: 'outcomes', deadLetters: 'dead-letters', requests: 'erasure-requests', receipts: 'erasure-receipts', monitors: 'monitors' } as const;
const pseudonymizer = createPseudonymizer({ pepper: PEPPER });

const prediction = (i: number, subjectId: string | null): PredictionLog => ({
  requestId: `r-${i}`, modelId: 'credit', modelVersion: '1', timestamp: T0 + i, features: { age: 30 + (i % 40), email: `${subjectId ?? 'x'}@example.com` },
  prediction: { label: 'approve', score: 0.5 }, slice: {}, subjectId,
});

interface Row { key: string; partition: number; value: unknown; headers: Readonly<Record<string, string>> }
interface Typed<T> { key: string; value: T | null; headers: Readonly<Record<string, string>> }
const valuesOf = <T>(rows: readonly Row[]): Typed<T>[] => rows.map((r): Typed<T> => ({ key: r.key, value: r.value as T | null, headers: r.headers }));

interface Harness {
  broker: InMemoryBroker;
  serde: AvroSerde;
  keys: InMemorySubjectKeyStore;
  index: InMemorySubjectIndexStore;
  corrections: CorrectionRecord[][];
  route(path: string): Promise<{ status: number; body: unknown }>;
  send(records: readonly ({ p: PredictionLog } | { l: GroundTruth })[]): Promise<void>;
  request(request: Partial<SubjectRequest> & { requestId: string }): Promise<void>;
  receipt(requestId: string): Promise<SubjectReceipt>;
  decoded(topic: string): Promise<Row[]>;
}

async function setup(): Promise<Harness> {
  const broker = new InMemoryBroker();
  for (const t of Object.values(topics)) broker.createTopic(t, t === topics.requests || t === topics.receipts || t === topics.monitors ? 1 : 3);
  const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });
  const keys = new InMemorySubjectKeyStore();
  const index = new InMemorySubjectIndexStore({ ttlMs: 86_400_000, orphanTtlMs: 86_400_000 });
  const corrections: CorrectionRecord[][] = [];
  let groups = 0;
  const app = createApp({
    indexSource: broker.source('eraser-index', { maxBatch: 50 }), requestSource: broker.source('eraser-requests'), denySource: broker.source('eraser-deny'),
    readerSource: (g) => broker.source(g, { maxBatch: 100 }), publisher: broker.publisher(), admin: broker.admin(), serde, index, keys, pseudonymizer,
    crypto: createSubjectCrypto({ pseudonymizer, keys }), pendingJoins: new InMemoryPendingJoinStore({ ttlMs: 86_400_000 }),
    monitors: createMonitorTable({ source: broker.source(`monitors-${groups++}`), admin: broker.admin(), serde, topic: topics.monitors }),
    aggregates: { correct: ({ records }) => { corrections.push([...records]); return Promise.resolve({ applied: records.length, alreadyApplied: 0, skipped: {}, notes: ['min and max are not subtractable'] }); } },
    metrics: createEraserMetrics(new Registry(), { deadlineMs: 30 * 86_400_000, now: Date.now }),
    logger: createLogger({ service: 'eraser-test', level: 'silent' }), now: Date.now, newId: () => `id-${groups++}`,
    config: { topics, indexGroup: 'eraser-index', requestsGroup: 'eraser-requests', deadlineMs: 30 * 86_400_000, defaultMode: 'delete', guardTtlMs: 86_400_000, handledTtlMs: 86_400_000, downstreamWaitMs: 5000, exportTtlMs: 60_000, serveExports: true },
  });
  await app.start();
  onTestFinished(() => app.stop());
  const decoded = async (topic: string): Promise<Row[]> =>
    Promise.all(broker.messages(topic).map(async (m: InboundMessage) => ({ key: m.key?.toString() ?? '', partition: m.partition, headers: m.headers, value: m.value === null ? null : (await serde.decode<unknown>(m.value)).value })));
  return {
    broker, serde, keys, index, corrections,
    route: async (path) => {
      const route = app.routes.find((r) => path.startsWith(r.path));
      if (route === undefined) return { status: 404, body: null };
      return route.handle({} as never, new URL(path, 'http://localhost'));
    },
    async send(records) {
      const p = await serde.encoderFor(toTopicSubject(topics.predictions), predictionLogSchema);
      const l = await serde.encoderFor(toTopicSubject(topics.labels), groundTruthSchema);
      await broker.publisher().publish(records.map((r) => ('p' in r ? { topic: topics.predictions, key: r.p.requestId, value: p(r.p) } : { topic: topics.labels, key: r.l.requestId, value: l(r.l) })));
    },
    async request(request) {
      const value: SubjectRequest = { kind: 'ERASE', subjectId: 'alice', mode: null, changes: null, requestedAt: T0, subjectPseudonym: null, erasedAt: null, ...request };
      await broker.publisher().publish([{ topic: topics.requests, key: request.requestId, value: await serde.encode(toTopicSubject(topics.requests), subjectRequestSchema, value) }]);
    },
    async receipt(requestId) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const found = valuesOf<SubjectReceipt>(await decoded(topics.receipts)).find((r) => r.key === requestId);
        if (found?.value != null) return found.value;
        if (Date.now() > deadline) throw new Error(`no receipt for ${requestId}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    decoded,
  };
}

/** Keys of the tombstones on a topic. */
const tombstoned = async (h: Harness, topic: string): Promise<string[]> => (await h.decoded(topic)).filter((m) => m.value === null).map((m) => m.key).sort();

describe('eraser app', () => {
  it('erases a subject: key shredded, tombstones everywhere, aggregates corrected, index gone, request tombstoned, deny entry, receipt by pseudonym', async () => {
    // Arrange: alice has 3 predictions (one labelled), bob 2
    const h = await setup();
    await h.send([{ p: prediction(1, 'alice') }, { p: prediction(2, 'bob') }, { p: prediction(3, 'alice') }, { p: prediction(4, 'bob') }, { p: prediction(5, 'alice') }, { l: { requestId: 'r-3', modelId: 'credit', label: 'approve', value: null, timestamp: T0 + 10 } }]);
    const alice = pseudonymizer.toPseudonym('alice');
    await h.keys.obtain([alice, pseudonymizer.toPseudonym('bob')]);

    // Act
    await h.request({ requestId: 'q-1' });
    const receipt = await h.receipt('q-1');

    // Assert
    expect(receipt).toMatchObject({ requestId: 'q-1', kind: 'ERASE', subjectPseudonym: alice, counts: { predictions: 3, labels: 3, outcomes: 3, 'dead-letters': 3, 'aggregates.corrected': 3, 'redis.data-keys': 1, 'redis.index': 4 }, notes: ['min and max are not subtractable'] });
    expect(receipt.deadline - receipt.receivedAt).toBe(30 * 86_400_000);
    expect(JSON.stringify(receipt)).not.toContain('alice');
    for (const t of [topics.predictions, topics.labels, topics.outcomes, topics.deadLetters]) expect(await tombstoned(h, t)).toEqual(['r-1', 'r-3', 'r-5']);
    expect(h.corrections.flat().map((c) => `${c.topic}:${c.value.requestId}`).sort()).toEqual(['predictions:r-1', 'predictions:r-3', 'predictions:r-5']);
    expect(await h.keys.find([alice])).toEqual(new Map());
    expect((await h.keys.find([pseudonymizer.toPseudonym('bob')])).size).toBe(1);
    expect(await h.index.lookup(alice)).toEqual(new Map());
    const requests = valuesOf<SubjectRequest>(await h.decoded(topics.requests));
    expect(requests.filter((r) => r.key === 'q-1').map((r) => r.value === null)).toEqual([false, true]);
    expect(requests.find((r) => r.key === `deny:${alice}`)?.value).toMatchObject({ subjectId: null, subjectPseudonym: alice, kind: 'ERASE' });
  });

  it('erases on sight a record of an erased subject that shows up again (a restore), but keeps newer ones', async () => {
    const h = await setup();
    await h.send([{ p: prediction(1, 'alice') }]);
    await h.request({ requestId: 'q-1' });
    await h.receipt('q-1');

    await h.send([{ p: prediction(1, 'alice') }, { p: { ...prediction(9, 'alice'), timestamp: Date.now() + 60_000 } }]);
    const deadline = Date.now() + 5000;
    while ((await tombstoned(h, topics.predictions)).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));

    expect(await tombstoned(h, topics.predictions)).toEqual(['r-1', 'r-1']);
    expect([...(await h.index.lookup(pseudonymizer.toPseudonym('alice'))).keys()]).toEqual(['r-9']);
  });

  it('answers an unknown subject with a receipt of zero counts', async () => {
    const h = await setup();
    await h.send([{ p: prediction(1, 'bob') }]);

    await h.request({ requestId: 'q-2', subjectId: 'nobody' });

    expect((await h.receipt('q-2')).counts).toMatchObject({ predictions: 0, labels: 0, 'redis.index': 0, 'redis.data-keys': 0 });
  });

  it('dead-letters a malformed request without its bytes and tombstones it', async () => {
    const h = await setup();

    await h.request({ requestId: 'q-3', kind: 'RECTIFY', subjectId: 'alice', changes: null });
    const deadline = Date.now() + 5000;
    let letters: { key: string; value: DeadLetter | null }[] = [];
    while (letters.length === 0 && Date.now() < deadline) { letters = valuesOf<DeadLetter>(await h.decoded(topics.deadLetters)); await new Promise((r) => setTimeout(r, 10)); }

    expect(letters.map((l) => [l.key, l.value?.reason, l.value?.originalValue])).toEqual([['q-3', 'DL_ERASER_BAD_CHANGES', null]]);
    expect(JSON.stringify(letters)).not.toContain('alice');
    expect((await h.decoded(topics.requests)).map((r) => r.value === null)).toEqual([false, true]);
  });

  it('exports exactly the subject\'s records, once', async () => {
    const h = await setup();
    await h.send([{ p: prediction(1, 'alice') }, { p: prediction(2, 'bob') }, { p: prediction(3, 'alice') }, { l: { requestId: 'r-3', modelId: 'credit', label: 'decline', value: null, timestamp: T0 + 10 } }]);

    await h.request({ requestId: 'q-4', kind: 'ACCESS' });
    const receipt = await h.receipt('q-4');
    const first = await h.route('/v1/exports/q-4');
    const second = await h.route('/v1/exports/q-4');

    expect(receipt.counts).toMatchObject({ predictions: 2, labels: 1 });
    const body = first.body as { subjectId: string; records: { predictions: PredictionLog[]; labels: GroundTruth[] } };
    expect(body.subjectId).toBe('alice');
    expect(body.records.predictions.map((p) => p.requestId).sort()).toEqual(['r-1', 'r-3']);
    expect(body.records.labels.map((l) => [l.requestId, l.label])).toEqual([['r-3', 'decline']]);
    expect(second.status).toBe(404);
  });

  it('rectifies: the subject\'s records produced again with the change, as rewrites, and the aggregates swapped', async () => {
    const h = await setup();
    await h.send([{ p: prediction(1, 'alice') }, { p: prediction(2, 'bob') }]);

    await h.request({ requestId: 'q-5', kind: 'RECTIFY', changes: { age: 77 } });
    const receipt = await h.receipt('q-5');

    const rewrites = valuesOf<PredictionLog>(await h.decoded(topics.predictions)).filter((m) => m.headers['driftline-rewrite'] !== undefined);
    expect(receipt.counts).toMatchObject({ 'predictions.rectified': 1, 'aggregates.corrected': 1 });
    expect(rewrites.map((m) => [m.key, m.value?.features['age'], m.headers['driftline-rewrite']])).toEqual([['r-1', 77, 'rectify']]);
    expect(h.corrections.flat().map((c) => [c.value.features['age'], c.replacement?.features['age']])).toEqual([[31, 77]]);
  });
});
