// The trigger wired with fakes: in-memory broker, schema registry, document and state stores; the
// HTTP routes through a real loopback server.
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { Registry } from 'prom-client';
import { InMemoryBroker, InMemorySchemaRegistry, createAvroSerde, createMonitorTable, toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, MessagePublisher, OutboundMessage } from '@driftline/kafka';
import { startHttpServer } from '@driftline/metrics';
import { InMemoryDocumentStore, InMemoryStateStore } from '@driftline/redis-state';
import { driftEventSchema, monitorSpecSchema, outcomeSchema } from '@driftline/schemas';
import type { DriftEvent, Outcome, RetrainRequest } from '@driftline/schemas';
import { createLogger } from '@driftline/service-kit';
import { createApp } from '../src/app.ts';
import type { TriggerApp } from '../src/app.ts';
import { createTriggerMetrics } from '../src/metrics.ts';
import { toTriggerKeys } from '../src/state/trigger-keys.ts';

const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
const MIN = 60_000;
const topics = { driftEvents: 'drift-events', outcomes: 'outcomes', retrainRequests: 'retrain-requests', deadLetters: 'dead-letters' } as const;
const FEATURES = ['age', 'income', 'debt_ratio', 'credit_lines', 'tenure', 'balance', 'utilisation', 'inquiries'];

export function monitorSpec(modelId: string, retraining: Record<string, unknown>): Record<string, unknown> {
  return { modelId, prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' }, features: FEATURES.map((name) => ({ name, type: 'numeric' })), retraining };
}

function driftEvent(modelId: string, feature: string, windowEnd: number, overrides: Partial<DriftEvent> = {}): DriftEvent {
  return {
    eventId: `${modelId}-${feature}-${windowEnd}`, kind: 'DATA_DRIFT', modelId, modelVersion: '3', slice: 'overall', feature, statistic: 'psi', value: 0.3, threshold: 0.2,
    windowStart: windowEnd - 5 * MIN, windowEnd, referenceProfileId: null, referenceSize: 1000, currentSize: 500, severity: 'WARNING', explanation: 'e', recommendedAction: 'r',
    detectedAt: windowEnd, traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`, ...overrides,
  };
}

function outcome(modelId: string, i: number): Outcome {
  return {
    requestId: `req-${modelId}-${i}`, modelId, modelVersion: i % 2 === 0 ? '3' : '4', predictionTimestamp: T0 + i, labelTimestamp: T0 + i * 1000, labelDelayMs: 1000,
    features: {}, prediction: { label: 'approve', score: 0.8 }, label: 'approve', value: null, slice: {}, subjectId: null,
  };
}

interface Harness {
  broker: InMemoryBroker;
  serde: AvroSerde;
  documents: InMemoryDocumentStore;
  counters: InMemoryStateStore;
  registry: Registry;
  clock: { now: number };
  start(options?: { publisher?: MessagePublisher; tickIntervalMs?: number }): Promise<TriggerApp>;
  spec(modelId: string, retraining: Record<string, unknown>): Promise<void>;
  send(topic: string, messages: readonly { key: string; value: DriftEvent | Outcome }[]): Promise<void>;
  requests(): Promise<{ key: string; value: RetrainRequest; headers: Readonly<Record<string, string>> }[]>;
  metric(name: string): Promise<{ labels: Record<string, string | number>; value: number }[]>;
  drained(app: TriggerApp): Promise<void>;
}

function setup(): Harness {
  const broker = new InMemoryBroker();
  for (const t of [...Object.values(topics), 'monitors']) broker.createTopic(t, t === 'monitors' ? 1 : 2);
  const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });
  const documents = new InMemoryDocumentStore();
  const counters = new InMemoryStateStore();
  const registry = new Registry();
  const metrics = createTriggerMetrics(registry);
  const clock = { now: T0 };
  let instances = 0;
  const h: Harness = {
    broker, serde, documents, counters, registry, clock,
    async start(options = {}) {
      const group = 'trigger';
      const instance = instances++;
      const app = createApp({
        source: broker.source(group, { maxBatch: 3 }), scanSource: (g) => broker.source(g), publisher: options.publisher ?? broker.publisher(), admin: broker.admin(), serde,
        documents, counters, monitors: createMonitorTable({ source: broker.source(`monitors-${instance}`), admin: broker.admin(), serde, topic: 'monitors' }),
        metrics, logger: createLogger({ service: 'trigger-test', level: 'silent' }), now: () => clock.now,
      }, { topics, group, redisPrefix: 't:', tickIntervalMs: options.tickIntervalMs ?? 3_600_000, openRequestTimeoutMs: 48 * 3_600_000, outboxLeaseMs: 30_000, log: true });
      await app.start();
      onTestFinished(() => app.stop());
      return app;
    },
    async spec(modelId, retraining) {
      const value = await serde.encode('monitors-value', monitorSpecSchema, { modelId, specVersion: 1, specJson: JSON.stringify(monitorSpec(modelId, retraining)), profileId: null, profileJson: null, publishedAt: T0 });
      await broker.publisher().publish([{ topic: 'monitors', key: modelId, value }]);
    },
    async send(topic, messages) {
      const encode = await serde.encoderFor(toTopicSubject(topic), topic === topics.outcomes ? outcomeSchema : driftEventSchema);
      await broker.publisher().publish(messages.map((m): OutboundMessage => ({ topic, key: m.key, value: encode(m.value) })));
    },
    async requests() {
      return Promise.all(broker.messages(topics.retrainRequests).map(async (m) => ({ key: m.key?.toString() ?? '', value: (await serde.decode<RetrainRequest>(m.value ?? Buffer.alloc(0))).value, headers: m.headers })));
    },
    async metric(name) {
      const found = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
      return (found?.values ?? []).map((v) => ({ labels: { ...v.labels } as Record<string, string | number>, value: v.value }));
    },
    async drained() {
      const admin = broker.admin();
      await vi.waitFor(async () => {
        for (const topic of [topics.driftEvents, topics.outcomes]) {
          const [ends, committed] = [await admin.endOffsets(topic), await admin.committedOffsets('trigger', topic)];
          for (const [p, end] of ends) if (Number(end) > 0) expect(committed.get(p)).toBe(end);
        }
      }, { timeout: 5000, interval: 10 });
    },
  };
  return h;
}

describe('trigger app', () => {
  it('turns drift in K features into one request, and a second burst within the cooldown into none', async () => {
    // Arrange
    const h = setup();
    await h.spec('credit', { drift: { minSeverity: 'WARNING', minFeatures: 2 }, cooldown: '6h' });
    const app = await h.start();
    const burst = (at: number): DriftEvent[] => ['age', 'income', 'debt_ratio'].map((f) => driftEvent('credit', f, at));
    const first = burst(T0);

    // Act
    await h.send(topics.driftEvents, [...first, first[0]!].map((value) => ({ key: 'credit', value })));
    await h.drained(app);
    h.clock.now = T0 + 3_600_000;
    await h.send(topics.driftEvents, burst(T0 + 3_600_000).map((value) => ({ key: 'credit', value })));
    await h.drained(app);

    // Assert
    const requests = await h.requests();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.key).toBe('credit');
    expect(requests[0]?.value).toMatchObject({ modelId: 'credit', modelVersion: '3', trainFrom: T0 - 5 * MIN, trainTo: null, createdAt: T0 });
    expect(requests[0]?.value.reasons.map((r) => r.policy)).toEqual(['drift']);
    expect(requests[0]?.value.reasons[0]?.eventIds.sort()).toEqual(first.slice(0, 2).map((e) => e.eventId).sort()); // K = 2 reached at the second event
    expect(requests[0]?.headers['traceparent']).toBe(first[1]?.traceparent);
    expect(await h.metric('driftline_trigger_requests_total')).toEqual([{ labels: { policy: 'drift' }, value: 1 }]);
    expect(await h.metric('driftline_trigger_suppressed_total')).toEqual([{ labels: { policy: 'drift', cause: 'open-request' }, value: 1 }]);
    const events = Object.fromEntries((await h.metric('driftline_trigger_drift_events_total')).map((m): [string, number] => [String(m.labels['result']), m.value]));
    expect(events).toEqual({ used: 6, duplicate: 1 });
    await vi.waitFor(async () => { expect(await h.documents.claimOutbox(toTriggerKeys('t:').outbox, { now: Number.MAX_SAFE_INTEGER, leaseUntil: 0, limit: 10 })).toEqual([]); }, { timeout: 5000, interval: 10 });
  });

  it('counts outcomes per model and requests retraining on a tick once N new labels arrived', async () => {
    const h = setup();
    await h.spec('credit', { newLabels: 10 });
    await h.spec('churn', { newLabels: 1000 });
    const app = await h.start();

    await h.send(topics.outcomes, Array.from({ length: 14 }, (_, i) => ({ key: `r${i}`, value: outcome(i % 4 === 3 ? 'churn' : 'credit', i) })));
    await h.drained(app);
    await app.tick();

    const requests = await h.requests();
    expect(requests.map((r) => r.value.modelId)).toEqual(['credit']);
    expect(requests[0]?.value.reasons).toEqual([{ policy: 'new-labels', detail: '11 new labels since the last request (threshold 10)', eventIds: [] }]);
    expect(requests[0]?.value).toMatchObject({ modelVersion: '4', trainFrom: null });
    expect(await h.counters.getHash(toTriggerKeys('t:').labels('credit'))).toEqual({ n: 11, 'v|3': T0 + 12_000, 'v|4': T0 + 13_000 });
    expect(await h.metric('driftline_trigger_labels_total')).toEqual([{ labels: {}, value: 14 }]);
  });

  it('takes on-demand requests and completions over HTTP, behind the bearer token', async () => {
    // Arrange
    const h = setup();
    await h.spec('credit', { onDemand: true, cooldown: '1d' });
    await h.spec('frozen', { onDemand: false });
    const app = await h.start();
    const server = await startHttpServer({ registry: h.registry, host: '127.0.0.1', port: 0, isReady: () => true, routes: app.routes, apiToken: 'a-token-of-16-chars' });
    onTestFinished(() => server.close());
    const call = async (method: string, path: string, body?: unknown, token = 'a-token-of-16-chars'): Promise<{ status: number; body: Record<string, unknown> }> => {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    };

    // Act
    const unauthorised = await call('POST', '/v1/models/credit/retrain-requests', { reason: 'x' }, 'wrong-token-of-16ch');
    const created = await call('POST', '/v1/models/credit/retrain-requests', { reason: 'new fraud pattern', key: 'k-1' });
    const retried = await call('POST', '/v1/models/credit/retrain-requests', { reason: 'new fraud pattern', key: 'k-1' });
    const another = await call('POST', '/v1/models/credit/retrain-requests', { reason: 'again', key: 'k-2' });
    const status = await call('GET', '/v1/models/credit/retraining');
    const requestId = String(created.body['requestId']);
    const unknown = await call('POST', '/v1/models/credit/retrain-requests/nope/complete', {});
    const completed = await call('POST', `/v1/models/credit/retrain-requests/${requestId}/complete`, { status: 'failed' });
    const completedAgain = await call('POST', `/v1/models/credit/retrain-requests/${requestId}/complete`, {});
    const afterCompletion = await call('POST', '/v1/models/credit/retrain-requests', { reason: 'try again', key: 'k-3' });
    const disabled = await call('POST', '/v1/models/frozen/retrain-requests', { reason: 'x' });
    const noModel = await call('POST', '/v1/models/nobody/retrain-requests', { reason: 'x' });
    const noReason = await call('POST', '/v1/models/credit/retrain-requests', { key: 'k-4' });

    // Assert
    expect(unauthorised.status).toBe(401);
    expect(created).toMatchObject({ status: 202, body: { status: 'requested', request: { modelId: 'credit', reasons: [{ policy: 'on-demand', detail: 'new fraud pattern', eventIds: [] }], trainFrom: null } } });
    expect(retried).toEqual({ status: 200, body: { status: 'exists', requestId } });
    expect(another).toMatchObject({ status: 409, body: { code: 'DL_TRIGGER_REQUEST_OPEN', openRequestId: requestId } });
    expect(status).toMatchObject({ status: 200, body: { modelId: 'credit', open: { requestId, policies: ['on-demand'] }, cooldownUntil: T0 + 86_400_000, requests: 1 } });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'DL_TRIGGER_UNKNOWN_REQUEST' } });
    expect(completed).toEqual({ status: 200, body: { status: 'failed', requestId } });
    expect(completedAgain).toEqual({ status: 200, body: { status: 'already-closed', requestId } });
    expect(afterCompletion.status).toBe(202); // on-demand skips the cooldown
    expect(disabled).toMatchObject({ status: 403, body: { code: 'DL_TRIGGER_ON_DEMAND_DISABLED' } });
    expect(noModel).toMatchObject({ status: 404, body: { code: 'DL_TRIGGER_UNKNOWN_MODEL' } });
    expect(noReason).toMatchObject({ status: 400, body: { code: 'DL_TRIGGER_INVALID_BODY' } });
    expect((await h.requests()).map((r) => r.value.requestId)).toEqual([requestId, afterCompletion.body['requestId']]);
    expect(await h.metric('driftline_trigger_requests_closed_total')).toEqual([{ labels: { status: 'failed' }, value: 1 }]);
  });

  it.each([
    ['before the publish reached the topic', false],
    ['after the publish reached the topic', true],
  ])('announces a request committed by an instance that died %s exactly once', async (_when, reachedTopic) => {
    // Arrange: the first instance commits the request, then its publish fails
    const h = setup();
    await h.spec('credit', { drift: { minSeverity: 'WARNING', minFeatures: 1 } });
    const failing: MessagePublisher = {
      async publish(messages) {
        if (messages.some((m) => m.topic === topics.retrainRequests)) {
          if (reachedTopic) await h.broker.publisher().publish(messages);
          throw new Error('connection lost');
        }
        await h.broker.publisher().publish(messages);
      },
    };
    const first = await h.start({ publisher: failing });
    await h.send(topics.driftEvents, [{ key: 'credit', value: driftEvent('credit', 'income', T0) }]);
    await expect(first.done()).rejects.toThrow('connection lost');
    await first.stop();

    // Act: a new instance redelivers the chunk (a no-op) and, once the lease has expired, sweeps the outbox
    h.clock.now = T0 + 30_001;
    const second = await h.start();
    await h.drained(second);
    await second.tick();

    // Assert
    const requests = await h.requests();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.value.reasons[0]?.eventIds).toEqual(['credit-income-1795770000000']);
    expect(await h.metric('driftline_trigger_republished_total')).toEqual([{ labels: {}, value: reachedTopic ? 0 : 1 }]);
    await vi.waitFor(async () => { expect(await h.documents.claimOutbox(toTriggerKeys('t:').outbox, { now: Number.MAX_SAFE_INTEGER, leaseUntil: 0, limit: 10 })).toEqual([]); }, { timeout: 5000, interval: 10 });
  });
});

