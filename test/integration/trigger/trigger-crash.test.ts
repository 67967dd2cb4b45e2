// Kill the trigger with SIGKILL while drift events stream in, restarting it each time (half the kills
// at random moments, half right after a commit that holds new requests, seen through Redis MONITOR,
// inside the commit-to-publish window that the outbox sweep must cover): every model gets exactly
// one RetrainRequest for its first burst, with the burst's event ids, and no record is duplicated;
// the duplicate deliveries and the second bursts (within the cooldown) make none.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Redis } from 'ioredis';
import { TopicRole } from '@driftline/schemas';
import type { DriftEvent } from '@driftline/schemas';
import { parseSpec, publishSpec } from '../../support/aggregator-harness.ts';
import { createTestKafka, createTestSerde, createTestTopics } from '../../support/kafka-factories.ts';
import { startService } from '../../support/service-process.ts';
import type { ServiceProcess } from '../../support/service-process.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { waitFor } from '../../support/wait-for.ts';
import { MIN, T0, consumedAll, driftEvent, publishRecords, readRequests, triggerEnv, triggerSpec } from './trigger-process.ts';

const MODELS = 300;
const PER_WAVE = 3;
const WAVE_MS = 350;
const KILLS = 4;
const FEATURES = ['age', 'income', 'debt_ratio'];

const modelId = (i: number): string => `m-${String(i).padStart(3, '0')}`;
/** A model's first burst (K = 3 features), a redelivery of its first event, and a later burst inside the cooldown. */
const firstBurst = (m: string): DriftEvent[] => FEATURES.map((f, k) => driftEvent(m, f, T0 + k * MIN));
const secondBurst = (m: string): DriftEvent[] => FEATURES.map((f, k) => driftEvent(m, f, T0 + (90 + k) * MIN));

/** Resolves on the next commit under `redisPrefix` that adds outbox entries (Redis MONITOR). */
function watchOutboxCommits(redisPrefix: string): { next(): Promise<void> } {
  const monitor = spawn('redis-cli', ['-u', stackEnv().redisUrl, 'monitor'], { stdio: ['ignore', 'pipe', 'inherit'] });
  onTestFinished(() => { monitor.kill('SIGKILL'); });
  let waiter: (() => void) | undefined;
  createInterface({ input: monitor.stdout }).on('line', (line) => {
    if (waiter !== undefined && line.includes(`${redisPrefix}trigger:outbox`) && line.includes('\\"ob\\":[[')) { waiter(); waiter = undefined; }
  });
  return { next: () => new Promise<void>((resolve) => { waiter = resolve; }) };
}

describe('trigger crash and restart', () => {
  it(`emits exactly one request per decision across ${KILLS} SIGKILLs, at random moments and right after commits`, async () => {
    // Arrange
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 3 });
    const models = Array.from({ length: MODELS }, (_, i) => modelId(i));
    for (const m of models) await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), parseSpec(triggerSpec(m, { drift: { minSeverity: 'WARNING', minFeatures: 3 }, cooldown: '1h' })));
    const { env, group, redisPrefix } = await triggerEnv(topics.prefix, { TRIGGER_OUTBOX_LEASE: '3s' });
    const driftTopic = topics.name(TopicRole.DRIFT_EVENTS);
    const requestsTopic = topics.name(TopicRole.RETRAIN_REQUESTS);
    const requestCount = async (): Promise<number> => [...(await clients.admin.endOffsets(requestsTopic)).values()].reduce((n, end) => n + Number(end), 0);
    const commits = watchOutboxCommits(redisPrefix);

    // Act: waves of events while the trigger is killed and restarted; the rest at once after the last kill
    const processes: ServiceProcess[] = [];
    const start = async (): Promise<ServiceProcess> => { const p = startService('trigger', env); processes.push(p); await p.started; return p; };
    let trigger = await start();
    const killing = { done: false };
    const publishing = (async () => {
      for (let wave = 0; wave * PER_WAVE < MODELS; wave++) {
        const fresh = models.slice(wave * PER_WAVE, (wave + 1) * PER_WAVE);
        const previous = models.slice(Math.max(0, (wave - 1) * PER_WAVE), wave * PER_WAVE);
        await publishRecords(clients, serde, driftTopic, [...fresh.flatMap((m) => [...firstBurst(m), firstBurst(m)[0]!]), ...previous.flatMap(secondBurst)]);
        if (!killing.done) await new Promise((r) => setTimeout(r, WAVE_MS));
      }
      await publishRecords(clients, serde, driftTopic, models.slice(-PER_WAVE).flatMap(secondBurst));
    })();
    const killedAt: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const target = (killedAt.at(-1) ?? 0) + 10; // progress since the last restart, so each kill lands mid-run
      await waitFor(async () => (await requestCount()) >= target || undefined, { what: `${target} requests`, timeoutMs: 90_000, intervalMs: 20 });
      if (k % 2 === 0) await new Promise((r) => setTimeout(r, Math.random() * 150));
      else await Promise.race([commits.next(), new Promise((_, reject) => setTimeout(() => { reject(new Error('no commit with requests seen within 30 s')); }, 30_000))]);
      trigger.child.kill('SIGKILL');
      await trigger.exited;
      killedAt.push(await requestCount());
      trigger = await start();
    }
    killing.done = true;
    await publishing;
    const redis = new Redis(stackEnv().redisUrl);
    onTestFinished(() => { redis.disconnect(); });
    await waitFor(async () => ((await consumedAll(clients, group, [driftTopic])) && (await redis.hlen(`${redisPrefix}trigger:outbox`)) === 0) || undefined, { what: 'every event consumed and every request announced', timeoutMs: 120_000, intervalMs: 200 });
    trigger.child.kill('SIGTERM');
    const code = await trigger.exited;

    // Assert
    const requests = await readRequests(clients, serde, requestsTopic);
    const byModel = new Map<string, typeof requests>();
    for (const r of requests) byModel.set(r.value.modelId, [...(byModel.get(r.value.modelId) ?? []), r]);
    const takeovers = processes.flatMap((p) => p.lines).filter((l) => l.includes('took over a request left by a stopped instance'));
    const republished = takeovers.filter((l) => l.includes('"foundOnTopic":false')).length;
    process.stdout.write(`trigger crash test: ${MODELS} models, ${MODELS * 7} drift events, ${KILLS} kills at request counts ${killedAt.join(', ')}; ${requests.length} requests; ${takeovers.length} taken over after a kill (${republished} published by the taker, ${takeovers.length - republished} found on the topic)\n`);
    expect(code).toBe(0);
    expect(killedAt.every((n, k) => n < MODELS && n >= (killedAt[k - 1] ?? 0))).toBe(true);
    expect(requests).toHaveLength(MODELS);
    expect([...byModel.keys()].sort()).toEqual(models);
    for (const [m, [request]] of byModel) {
      const burst = firstBurst(m);
      expect(request?.message.key?.toString()).toBe(m);
      expect(request?.value).toMatchObject({ modelVersion: '7', trainFrom: burst[0]?.windowStart, reasons: [{ policy: 'drift' }] });
      expect([...request?.value.reasons[0]?.eventIds ?? []].sort()).toEqual(burst.map((e) => e.eventId).sort());
    }
  }, 420_000);
});
