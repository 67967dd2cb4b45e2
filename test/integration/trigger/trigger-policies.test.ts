// The trigger as a process against the real stack: drift in K features and a concept drift in one
// slice each become one RetrainRequest (event ids, trainFrom, advice) delivered to a webhook that
// fails twice first; second bursts within the cooldown make none. New labels counted from outcomes
// and an on-demand request through `driftline retrain` make one each; a webhook that keeps failing
// dead-letters them.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TopicRole } from '@driftline/schemas';
import type { RetrainRequest } from '@driftline/schemas';
import { parseSpec, publishSpec } from '../../support/aggregator-harness.ts';
import { createTestKafka, createTestSerde, createTestTopics } from '../../support/kafka-factories.ts';
import { startService } from '../../support/service-process.ts';
import { repoRoot, stackEnv } from '../../support/stack-env.ts';
import { waitFor } from '../../support/wait-for.ts';
import { API_TOKEN, MIN, T0, callTrigger, consumedAll, driftEvent, metricValue, outcome, publishRecords, readDeadLetters, readRequests, startWebhook, triggerEnv, triggerSpec } from './trigger-process.ts';

const run = promisify(execFile);

describe('trigger process', () => {
  it('turns drift in K features and a concept drift into one request each, delivered to a flaky webhook, and respects the cooldown', async () => {
    // Arrange
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 3 });
    await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), parseSpec(triggerSpec('credit', { drift: { minSeverity: 'WARNING', minFeatures: 2 }, cooldown: '1h' })));
    await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), parseSpec(triggerSpec('fraud', { drift: { minSeverity: 'CRITICAL', minFeatures: 3 }, cooldown: '1h' })));
    const webhook = await startWebhook((_request, attempt) => (attempt <= 2 ? 503 : 204));
    const { env, port, group } = await triggerEnv(topics.prefix, { TRIGGER_WEBHOOK_URL: webhook.url, TRIGGER_WEBHOOK_TOKEN: 'hook-token', TRIGGER_WEBHOOK_ATTEMPTS: '3', TRIGGER_WEBHOOK_BACKOFF: '100ms', TRIGGER_WEBHOOK_MAX_BACKOFF: '200ms', TRIGGER_WEBHOOK_TIMEOUT: '2s', TRIGGER_OUTBOX_LEASE: '10s' });
    const trigger = startService('trigger', env);
    await trigger.started;
    const driftTopic = topics.name(TopicRole.DRIFT_EVENTS);
    const requestsTopic = topics.name(TopicRole.RETRAIN_REQUESTS);
    const creditBurst = ['age', 'income', 'debt_ratio'].map((f, i) => driftEvent('credit', f, T0 + i * MIN));
    const concept = driftEvent('fraud', null, T0, { kind: 'CONCEPT_DRIFT', slice: 'region=eu', statistic: 'ddm', value: 0.42, threshold: 0.3, severity: 'CRITICAL', windowStart: T0 - 40 * MIN });
    const ignored = driftEvent('fraud', 'income', T0, { severity: 'WARNING' }); // below fraud's minimum severity

    // Act: first bursts, with a duplicate delivery
    await publishRecords(clients, serde, driftTopic, [...creditBurst, creditBurst[0]!, ignored, concept]);
    const first = await waitFor(async () => { const r = await readRequests(clients, serde, requestsTopic); return r.length >= 2 ? r : undefined; }, { what: 'two retrain requests', timeoutMs: 60_000 });
    await waitFor(() => webhook.calls.filter((c) => c.status === 204).length >= 2 || undefined, { what: 'two webhook deliveries', timeoutMs: 30_000 });
    const byModel = new Map(first.map((r) => [r.value.modelId, r.value]));
    const completions = await Promise.all([...byModel.values()].map((r) => callTrigger(port, 'POST', `/v1/models/${r.modelId}/retrain-requests/${r.requestId}/complete`, { status: 'succeeded' })));
    // second bursts, an hour of event time later but within the cooldown of wall-clock time
    await publishRecords(clients, serde, driftTopic, [
      ...['age', 'income'].map((f) => driftEvent('credit', f, T0 + 60 * MIN)),
      driftEvent('fraud', null, T0 + 60 * MIN, { kind: 'CONCEPT_DRIFT', slice: 'region=eu', statistic: 'ddm', value: 0.5, threshold: 0.3, severity: 'CRITICAL' }),
    ]);
    await waitFor(async () => (await consumedAll(clients, group, [driftTopic])) || undefined, { what: 'the trigger to consume every drift event', timeoutMs: 60_000 });
    const suppressed = await waitFor(async () => { const v = await metricValue(port, 'driftline_trigger_suppressed_total', { policy: 'drift', cause: 'cooldown' }); return v >= 2 ? v : undefined; }, { what: 'two suppressed decisions', timeoutMs: 10_000 });
    const status = await callTrigger(port, 'GET', '/v1/models/credit/retraining');
    trigger.child.kill('SIGTERM');
    const code = await trigger.exited;

    // Assert
    const all = await readRequests(clients, serde, requestsTopic);
    expect(all).toHaveLength(2);
    expect(code).toBe(0);
    expect(completions.map((c) => c.status)).toEqual([200, 200]);
    expect(suppressed).toBe(2);
    const credit = byModel.get('credit');
    expect(credit).toMatchObject({ modelVersion: '7', trainFrom: T0 - 5 * MIN, trainTo: null, reasons: [{ policy: 'drift' }] });
    expect([...credit?.reasons[0]?.eventIds ?? []].sort()).toEqual(creditBurst.slice(0, 2).map((e) => e.eventId).sort());
    expect(credit?.advice).toMatch(/^fine-tune: the drift is small .* and narrow \(2 of 8 features\)/);
    const fraud = byModel.get('fraud');
    expect(fraud).toMatchObject({ trainFrom: T0 - 40 * MIN, reasons: [{ policy: 'drift', eventIds: [concept.eventId] }] });
    expect(fraud?.reasons[0]?.detail).toContain('concept drift: ddm 0.42 vs threshold 0.3 (1.4×), CRITICAL, slice region=eu');
    expect(fraud?.advice).toMatch(/^retrain-from-scratch: the relationship between features and labels changed/);
    expect(first.every((r) => r.message.key?.toString() === r.value.modelId && r.message.headers['traceparent'] === concept.traceparent)).toBe(true);
    expect(status.body).toMatchObject({ open: null, lastClosed: { requestId: credit?.requestId, status: 'succeeded' }, requests: 1 });
    // the webhook: two 503s then a 204 per request, with the request as JSON and the token
    for (const request of [credit, fraud]) {
      const calls = webhook.calls.filter((c) => c.body.requestId === request?.requestId);
      expect(calls.map((c) => c.status)).toEqual([503, 503, 204]);
      expect(calls[2]?.body).toEqual(request);
      expect(calls[2]?.headers).toMatchObject({ authorization: 'Bearer hook-token', 'x-driftline-request-id': request?.requestId });
    }
    expect(await readDeadLetters(clients, serde, topics.name(TopicRole.DEAD_LETTERS))).toEqual([]);
  }, 180_000);

  it('requests retraining after N new labels and on demand through the CLI; a webhook that keeps failing dead-letters the requests', async () => {
    // Arrange
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 3 });
    await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), parseSpec(triggerSpec('churn', { newLabels: 300, onDemand: false })));
    await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), parseSpec(triggerSpec('pricing', { onDemand: true })));
    const webhook = await startWebhook(() => 500);
    const { env, port } = await triggerEnv(topics.prefix, { TRIGGER_WEBHOOK_URL: `${webhook.url}?sig=webhook-secret`, TRIGGER_WEBHOOK_ATTEMPTS: '2', TRIGGER_WEBHOOK_BACKOFF: '50ms', TRIGGER_WEBHOOK_MAX_BACKOFF: '50ms', TRIGGER_WEBHOOK_TIMEOUT: '2s', TRIGGER_OUTBOX_LEASE: '10s' });
    const trigger = startService('trigger', env);
    await trigger.started;
    const requestsTopic = topics.name(TopicRole.RETRAIN_REQUESTS);
    const cli = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
      run(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services/cli/src/main.ts'), ...args], {
        env: { PATH: process.env['PATH'] ?? '', ...stackEnv().vars, DRIFTLINE_TRIGGER_URL: `http://127.0.0.1:${port}`, DRIFTLINE_TRIGGER_TOKEN: API_TOKEN },
      }).then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }), (e: unknown) => {
        const failed = e as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      });

    // Act
    await publishRecords(clients, serde, topics.name(TopicRole.OUTCOMES), [...Array.from({ length: 320 }, (_, i) => outcome('churn', i)), ...Array.from({ length: 400 }, (_, i) => outcome('unmonitored', i))]);
    const labelled = await waitFor(async () => { const r = await readRequests(clients, serde, requestsTopic); return r.length >= 1 ? r : undefined; }, { what: 'the new-labels request', timeoutMs: 60_000 });
    const onDemand = await cli(['retrain', 'pricing', '--reason', 'new pricing rules shipped', '--version', '8']);
    const again = await cli(['retrain', 'pricing', '--reason', 'once more']);
    const refused = await cli(['retrain', 'churn', '--reason', 'not allowed']);
    const letters = await waitFor(async () => { const l = await readDeadLetters(clients, serde, topics.name(TopicRole.DEAD_LETTERS)); return l.length >= 2 ? l : undefined; }, { what: 'two dead letters', timeoutMs: 60_000 });
    const labels = await metricValue(port, 'driftline_trigger_labels_total');
    trigger.child.kill('SIGTERM');
    await trigger.exited;

    // Assert
    const requests = await readRequests(clients, serde, requestsTopic);
    expect(requests.map((r) => r.value.modelId).sort()).toEqual(['churn', 'pricing']);
    expect(labelled[0]?.value).toMatchObject({ modelId: 'churn', modelVersion: '7', trainFrom: null, reasons: [{ policy: 'new-labels', eventIds: [] }] });
    expect(labelled[0]?.value.reasons[0]?.detail).toMatch(/^3[0-2]\d new labels since the last request \(threshold 300\)$/);
    const pricing = requests.find((r) => r.value.modelId === 'pricing')?.value;
    expect(onDemand.code).toBe(0);
    expect(onDemand.stdout).toContain(`retrain request ${pricing?.requestId ?? '?'} for pricing`);
    expect(pricing).toMatchObject({ modelVersion: '8', reasons: [{ policy: 'on-demand', detail: 'new pricing rules shipped', eventIds: [] }] });
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining(`HTTP 409 DL_TRIGGER_REQUEST_OPEN`) as unknown });
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('HTTP 403 DL_TRIGGER_ON_DEMAND_DISABLED') as unknown });
    expect(labels).toBe(320);
    expect(letters).toHaveLength(2);
    for (const letter of letters) {
      expect(letter.value).toMatchObject({ reason: 'DL_TRIGGER_WEBHOOK_FAILED', sourceTopic: requestsTopic, sourcePartition: -1, detail: expect.stringMatching(/answered HTTP 500 \(last of 2 attempts\)$/) as unknown });
      expect(letter.value.detail).not.toContain('webhook-secret');
      const original = (await serde.decode<RetrainRequest>(Buffer.from(letter.value.originalValue ?? new Uint8Array()))).value;
      expect(requests.map((r) => r.value)).toContainEqual(original);
      expect(letter.message.key?.toString()).toBe(original.modelId);
    }
    expect(webhook.calls).toHaveLength(4);
  }, 180_000);
});
