// Helpers for the trigger's system tests: env for a trigger process on the test topics, drift events
// and outcomes to publish, the retrain requests read back, and a webhook receiver on loopback.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { onTestFinished } from 'vitest';
import { readRecords, toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, InboundMessage, KafkaClients } from '@driftline/kafka';
import { RedisStateStore } from '@driftline/redis-state';
import { driftEventSchema, outcomeSchema } from '@driftline/schemas';
import type { DeadLetter, DriftEvent, Outcome, RetrainRequest } from '@driftline/schemas';
import { uniqueName } from '../../support/kafka-factories.ts';
import { freePort } from '../../support/private-redis.ts';
import { stackEnv } from '../../support/stack-env.ts';

export const MIN = 60_000;
export const T0 = Date.UTC(2026, 10, 27, 8, 0, 0);
export const FEATURES = ['age', 'income', 'debt_ratio', 'credit_lines', 'tenure', 'balance', 'utilisation', 'inquiries'];
export const API_TOKEN = 'trigger-test-token-0123';

export interface TriggerEnv { readonly env: Record<string, string>; readonly port: number; readonly group: string; readonly redisPrefix: string }

/** Env for a trigger on the test topics, with its own group, port and Redis prefix (deleted after the test). */
export async function triggerEnv(topicPrefix: string, extra: Record<string, string> = {}): Promise<TriggerEnv> {
  const port = await freePort();
  const group = uniqueName('trigger');
  const redisPrefix = `${topicPrefix}dl:`;
  onTestFinished(async () => {
    const redis = new RedisStateStore({ url: stackEnv().redisUrl });
    await redis.deleteByPrefix(redisPrefix);
    await redis.close();
  });
  return {
    port, group, redisPrefix,
    env: {
      DRIFTLINE_TOPIC_PREFIX: topicPrefix, DRIFTLINE_REDIS_PREFIX: redisPrefix, TRIGGER_GROUP_ID: group, HTTP_PORT: String(port), API_TOKEN,
      KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000', TRIGGER_TICK_INTERVAL: '500ms', ...extra,
    },
  };
}

/** A monitor spec with eight numeric features and the given retraining block. */
export function triggerSpec(modelId: string, retraining: Record<string, unknown>): Record<string, unknown> {
  return { modelId, prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' }, features: FEATURES.map((name) => ({ name, type: 'numeric' })), alerts: { cooldown: '30m' }, retraining };
}

export function driftEvent(modelId: string, feature: string | null, windowEnd: number, overrides: Partial<DriftEvent> = {}): DriftEvent {
  return {
    eventId: `${modelId}|${feature ?? '-'}|${windowEnd}`, kind: 'DATA_DRIFT', modelId, modelVersion: '7', slice: 'overall', feature, statistic: 'psi', value: 0.3, threshold: 0.2,
    windowStart: windowEnd - 5 * MIN, windowEnd, referenceProfileId: 'p1', referenceSize: 10_000, currentSize: 800, severity: 'WARNING',
    explanation: `${feature ?? 'model'} drifted`, recommendedAction: 'retrain', detectedAt: windowEnd + 1000, traceparent: `00-${'0'.repeat(31)}1-${'0'.repeat(15)}2-01`, ...overrides,
  };
}

export function outcome(modelId: string, i: number): Outcome {
  return {
    requestId: `${modelId}-req-${i}`, modelId, modelVersion: '7', predictionTimestamp: T0 + i * 1000, labelTimestamp: T0 + i * 1000 + 60_000, labelDelayMs: 60_000,
    features: { age: 40 }, prediction: { label: 'approve', score: 0.7 }, label: i % 3 === 0 ? 'decline' : 'approve', value: null, slice: {}, subjectId: null,
  };
}

export async function publishRecords(clients: KafkaClients, serde: AvroSerde, topic: string, records: readonly (DriftEvent | Outcome)[]): Promise<void> {
  const isOutcome = (r: DriftEvent | Outcome): r is Outcome => 'requestId' in r;
  const encode = await serde.encoderFor(toTopicSubject(topic), records.some(isOutcome) ? outcomeSchema : driftEventSchema);
  for (let i = 0; i < records.length; i += 1000) {
    await clients.publisher.publish(records.slice(i, i + 1000).map((r) => ({ topic, key: isOutcome(r) ? r.requestId : r.modelId, value: encode(r) })));
  }
}

/** Every message of a topic. */
async function readMessages(clients: KafkaClients, topic: string): Promise<InboundMessage[]> {
  const messages: InboundMessage[] = [];
  await readRecords({ admin: clients.admin, source: (groupId) => clients.source({ groupId }) }, { groupId: uniqueName('read'), topics: new Map([[topic, 'all']]), onMessage: (m) => { messages.push(m); } });
  return messages;
}

export async function readRequests(clients: KafkaClients, serde: AvroSerde, topic: string): Promise<{ message: InboundMessage; value: RetrainRequest }[]> {
  return Promise.all((await readMessages(clients, topic)).map(async (message) => ({ message, value: (await serde.decode<RetrainRequest>(message.value ?? Buffer.alloc(0))).value })));
}

export async function readDeadLetters(clients: KafkaClients, serde: AvroSerde, topic: string): Promise<{ message: InboundMessage; value: DeadLetter }[]> {
  return Promise.all((await readMessages(clients, topic)).map(async (message) => ({ message, value: (await serde.decode<DeadLetter>(message.value ?? Buffer.alloc(0))).value })));
}

/** True once the group has committed every input partition to its end. */
export async function consumedAll(clients: KafkaClients, group: string, topics: readonly string[]): Promise<boolean> {
  for (const topic of topics) {
    const committed = await clients.admin.committedOffsets(group, topic);
    for (const [p, end] of await clients.admin.endOffsets(topic)) if (Number(end) > 0 && committed.get(p) !== end) return false;
  }
  return true;
}

/** Calls the trigger's API with the test token. */
export async function callTrigger(port: number, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method, headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

/** A metric's value from the trigger's /metrics, summed over the series that carry `labels` (0 when absent). */
export async function metricValue(port: number, name: string, labels: Readonly<Record<string, string>> = {}): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m?.[1] !== name) continue;
    const series = new Map([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l): [string, string] => [l[1] ?? '', l[2] ?? '']));
    if (Object.entries(labels).every(([k, v]) => series.get(k) === v)) sum += Number(m[3]);
  }
  return sum;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly calls: { headers: IncomingHttpHeaders; body: RetrainRequest; status: number }[];
}

/** A webhook on loopback that answers `statusFor(request, attempt)` (attempt counts from 1 per request id). */
export async function startWebhook(statusFor: (request: RetrainRequest, attempt: number) => number): Promise<WebhookReceiver> {
  const calls: WebhookReceiver['calls'] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => { text += c.toString(); });
    req.on('end', () => {
      const body = JSON.parse(text) as RetrainRequest;
      const attempt = calls.filter((c) => c.body.requestId === body.requestId).length + 1;
      const status = statusFor(body, attempt);
      calls.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => { server.close(() => { resolve(); }); server.closeAllConnections(); }));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hooks/retrain`, calls };
}
