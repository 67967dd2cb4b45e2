// Privacy rights end to end (issue 7), against real Kafka, registry and Redis, with the joiner,
// the aggregator and the eraser running as processes and the driftline CLI as the requester:
// 1,000 records of subject S among 50,000 of others (half of S's sealed by the producer helper).
// ACCESS returns exactly S's records; RECTIFY changes exactly S's records (and the aggregates);
// ERASE leaves, after compaction, no record of S on any topic and every other record intact, no
// key or value of S in Redis, aggregates equal to a recount of the others, and no plain S in
// receipts, logs or metrics; a restore of S's old records followed by a replay (a fresh eraser)
// erases them again.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { toTopicSubject } from '@driftline/kafka';
import type { InboundMessage, OutboundMessage } from '@driftline/kafka';
import { RedisSubjectKeyStore, createPseudonymizer, createSubjectCrypto, findRedisTraces } from '@driftline/privacy';
import { RedisStateStore } from '@driftline/redis-state';
import { TopicRole, groundTruthSchema, predictionLogSchema } from '@driftline/schemas';
import type { GroundTruth, Outcome, PredictionLog, SubjectReceipt } from '@driftline/schemas';
import { aggregatorEnv, parseSpec, publishSpec, readPartitions, recount } from '../../support/aggregator-harness.ts';
import { createTestKafka, createTestSerde, createTestTopics, uniqueName } from '../../support/kafka-factories.ts';
import { freePort } from '../../support/private-redis.ts';
import { startService } from '../../support/service-process.ts';
import type { ServiceProcess } from '../../support/service-process.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { waitFor } from '../../support/wait-for.ts';
import { deleteRedisKeysAfterTest } from '../joiner/joiner-process.ts';
import { PEPPER, compareWindows, latestByKey, runCli, scanTopics } from './eraser-harness.ts';

const OTHERS = 50_000;
const S_RECORDS = 1000;
const TOKEN = 'an-api-token-of-sixteen+-chars';
const T0 = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000;

const spec = parseSpec({
  modelId: 'credit', prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' },
  features: [{ name: 'age', type: 'numeric' }, { name: 'income', type: 'numeric' }, { name: 'marital_status', type: 'categorical', categories: ['married', 'single'] }, { name: 'email', type: 'categorical', pii: true }],
  slices: { keys: ['region'] }, windows: { size: '1m', grace: '30s' }, alerts: { cooldown: '1m' }, privacy: { kAnonymity: 1 },
});

describe('privacy rights end to end', () => {
  it('accesses, rectifies and erases one subject among 51,000 records; a restore and replay erases it again', async () => {
    // Arrange: topics whose compaction runs within seconds (a 2 s erasure deadline: segment.ms = max.compaction.lag.ms = 500 ms)
    const started = Date.now();
    const phase = (what: string): void => { process.stdout.write(`erasure e2e: ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s\n`); };
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 3, erasureDeadlineMs: 2000 });
    const name = (role: TopicRole): string => topics.name(role);
    const personal = [name(TopicRole.PREDICTIONS), name(TopicRole.LABELS), name(TopicRole.OUTCOMES), name(TopicRole.DEAD_LETTERS)];
    await publishSpec(clients, serde, name(TopicRole.MONITORS), spec);
    const S = `subject-${randomUUID()}`;
    const sIds = new Set<string>();
    const predictions: PredictionLog[] = [];
    for (let i = 0; i < OTHERS + S_RECORDS; i++) {
      const isS = i % 51 === 25;
      const requestId = `${isS ? 's' : 'o'}-${randomUUID().slice(0, 13)}-${i}`;
      if (isS) sIds.add(requestId);
      predictions.push({
        requestId, modelId: 'credit', modelVersion: '1', timestamp: T0 + i * 10,
        features: { age: 20 + (i % 50), income: 20_000 + ((i * 7919) % 90_000), marital_status: i % 3 === 0 ? 'married' : 'single', email: isS ? `${S}@example.com` : `c${i % 5000}@example.com` },
        prediction: { label: i % 4 === 0 ? 'decline' : 'approve', score: (i % 100) / 100 }, slice: { region: ['eu', 'us', 'apac'][i % 3] ?? 'eu' },
        subjectId: isS ? S : `customer-${i % 5000}`,
      });
    }
    expect(sIds.size).toBe(S_RECORDS);
    const subjectKeys = deleteRedisKeysAfterTest(`${uniqueName()}:keys:`);
    const keyStore = new RedisSubjectKeyStore({ url: stackEnv().redisUrl, keyPrefix: subjectKeys });
    onTestFinished(() => keyStore.close());
    const pseudonymizer = createPseudonymizer({ pepper: PEPPER });
    const P = pseudonymizer.toPseudonym(S);
    // The serving system seals half of S's records with the producer helper (subject id and the pii feature).
    const sealer = createSubjectCrypto({ pseudonymizer, keys: keyStore });
    const sPositions = predictions.flatMap((p, i) => (sIds.has(p.requestId) ? [i] : []));
    const sealed = await sealer.sealRecords(sPositions.filter((_, k) => k % 2 === 0).map((i) => predictions[i]!), { piiFeatures: ['email'] });
    sPositions.filter((_, k) => k % 2 === 0).forEach((i, k) => { predictions[i] = sealed[k]!; });
    const labelled = predictions.filter((_, i) => i % 10 === 0 || i % 51 === 25); // a tenth of the others, and every record of S
    const labels: GroundTruth[] = labelled.map((p, i) => ({ requestId: p.requestId, modelId: 'credit', label: i % 3 === 0 ? 'decline' : 'approve', value: null, timestamp: p.timestamp + 1000 }));

    const joinerPrefix = deleteRedisKeysAfterTest(`${uniqueName()}:join:`);
    const eraserPrefix = deleteRedisKeysAfterTest(`${uniqueName()}:erase:`);
    const agg = aggregatorEnv(topics.prefix);
    const store = new RedisStateStore({ url: stackEnv().redisUrl });
    onTestFinished(async () => { await store.deleteByPrefix(agg.DRIFTLINE_REDIS_PREFIX); await store.close(); });
    const [aggregatorPort, eraserPort] = [await freePort(), await freePort()];
    const shared = { DRIFTLINE_TOPIC_PREFIX: topics.prefix, DRIFTLINE_PSEUDONYM_PEPPER: PEPPER, DRIFTLINE_SUBJECT_KEY_PREFIX: subjectKeys, KAFKA_SESSION_TIMEOUT_MS: '30000', KAFKA_HEARTBEAT_INTERVAL_MS: '3000', LOG_LEVEL: 'info' };
    const joiner = startService('joiner', { ...shared, DRIFTLINE_SERVICE_GROUP: uniqueName('joiner'), JOINER_KEY_PREFIX: joinerPrefix, JOIN_WINDOW: '1h', JOIN_GRACE: '1m', PENDING_TTL: '1d' });
    const aggregator = startService('aggregator', { ...shared, ...agg, HTTP_PORT: String(aggregatorPort), API_TOKEN: TOKEN });
    const indexGroup = uniqueName('eraser');
    const eraserEnv = (requestsGroup: string): Record<string, string> => ({
      ...shared, ERASER_GROUP_ID: indexGroup, ERASER_REQUESTS_GROUP_ID: requestsGroup, ERASER_KEY_PREFIX: eraserPrefix, ERASER_JOINER_KEY_PREFIX: joinerPrefix,
      ERASER_AGGREGATOR_URL: `http://127.0.0.1:${aggregatorPort}`, ERASER_AGGREGATOR_TOKEN: TOKEN, API_TOKEN: TOKEN, HTTP_PORT: String(eraserPort), ERASER_DOWNSTREAM_WAIT: '60s',
    });
    let eraser: ServiceProcess = startService('eraser', eraserEnv(uniqueName('eraser-requests')));
    await Promise.all([aggregator.started, eraser.started]);
    const encodePrediction = await serde.encoderFor(toTopicSubject(name(TopicRole.PREDICTIONS)), predictionLogSchema);
    const encodeLabel = await serde.encoderFor(toTopicSubject(name(TopicRole.LABELS)), groundTruthSchema);
    const out: OutboundMessage[] = [
      ...predictions.map((p) => ({ topic: name(TopicRole.PREDICTIONS), key: p.requestId, value: encodePrediction(p) })),
      ...labels.map((l) => ({ topic: name(TopicRole.LABELS), key: l.requestId, value: encodeLabel(l) })),
    ];
    for (let i = 0; i < out.length; i += 5000) await clients.publisher.publish(out.slice(i, i + 5000));
    phase('published');
    const cli = { DRIFTLINE_PSEUDONYM_PEPPER: PEPPER, DRIFTLINE_SUBJECT_KEY_PREFIX: subjectKeys, DRIFTLINE_ERASER_URL: `http://127.0.0.1:${eraserPort}`, DRIFTLINE_ERASER_TOKEN: TOKEN };
    const expectedOutcomes = labelled.length;
    await waitFor(async () => [...(await clients.admin.endOffsets(name(TopicRole.OUTCOMES))).values()].reduce((n, e) => n + Number(e), 0) >= expectedOutcomes || undefined, { what: `${expectedOutcomes} outcomes`, timeoutMs: 120_000, intervalMs: 500 });

    phase('produced and joined');
    // Act 1: access
    const exportFile = join(tmpdir(), `${uniqueName('export')}.json`);
    const access = await runCli(['subject', 'access', S, '--prefix', topics.prefix, '--out', exportFile, '--timeout', '120s'], cli);
    expect(access.code, access.stderr).toBe(0);
    const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as { subjectId: string; records: { predictions: PredictionLog[]; labels: GroundTruth[]; outcomes: Outcome[] } };
    expect(exported.subjectId).toBe(S);
    expect(new Set(exported.records.predictions.map((p) => p.requestId))).toEqual(sIds);
    expect(exported.records.predictions.every((p) => p.subjectId === S && p.features['email'] === `${S}@example.com`)).toBe(true); // sealed ones opened
    expect(new Set(exported.records.labels.map((l) => l.requestId))).toEqual(new Set(labelled.filter((p) => sIds.has(p.requestId)).map((p) => p.requestId)));
    expect(new Set(exported.records.outcomes.map((o) => o.requestId))).toEqual(new Set(labelled.filter((p) => sIds.has(p.requestId)).map((p) => p.requestId)));

    phase('access checked');
    // Act 2: rectify
    const rectify = await runCli(['subject', 'rectify', S, '--set', 'age=99', '--prefix', topics.prefix, '--timeout', '120s'], cli);
    expect(rectify.code, rectify.stderr).toBe(0);
    const rectified = JSON.parse(rectify.stdout) as SubjectReceipt;
    const afterRectify = await scanTopics(clients, [name(TopicRole.PREDICTIONS)]);
    const rewrites = afterRectify.filter((m) => m.headers['driftline-rewrite'] === 'rectify');
    expect(rectified.counts).toMatchObject({ 'predictions.rectified': S_RECORDS, 'outcomes.rectified': labelled.filter((p) => sIds.has(p.requestId)).length, 'aggregates.corrected': S_RECORDS + labelled.filter((p) => sIds.has(p.requestId)).length });
    expect(new Set(rewrites.map((m) => m.key?.toString()))).toEqual(sIds);
    for (const m of rewrites.slice(0, 50)) expect((await serde.decode<PredictionLog>(m.value ?? Buffer.alloc(0))).value.features['age']).toBe(99);
    const fixed = predictions.map((p) => (sIds.has(p.requestId) ? { ...p, features: { ...p.features, age: 99 } } : p));
    await expectWindows(fixed);

    phase('rectify checked');
    // Act 3: erase (delete); verify right after: compaction still pending
    const erase = await runCli(['subject', 'erase', S, '--prefix', topics.prefix, '--timeout', '120s'], cli);
    expect(erase.code, erase.stderr).toBe(0);
    const receipt = JSON.parse(erase.stdout) as SubjectReceipt;
    phase(`erased: request to receipt ${Date.parse(String(receipt.completedAt)) - Date.parse(String(receipt.receivedAt))} ms`);
    const pending = await runCli(['subject', 'verify', S, '--prefix', topics.prefix], cli);

    // Assert: receipt, then compaction (new records roll the segments holding the tombstones)
    expect(receipt).toMatchObject({ kind: 'ERASE', subjectPseudonym: P, counts: { predictions: S_RECORDS, labels: S_RECORDS, outcomes: S_RECORDS, 'dead-letters': S_RECORDS, 'redis.data-keys': 1 } });
    expect(receipt.counts['aggregates.corrected']).toBe(S_RECORDS + labelled.filter((p) => sIds.has(p.requestId)).length);
    expect(receipt.counts['redis.pending-joins']).toBeGreaterThan(0);
    expect(pending.code, pending.stdout + pending.stderr).toBe(3);
    expect(pending.stdout).toMatch(/PENDING: \d+ record\(s\) are tombstoned/);
    phase('erased and verified pending');
    const fillers = await rollSegments();
    const compacted = await waitFor(async () => {
      const messages = await scanTopics(clients, [...personal, name(TopicRole.ERASURE_REQUESTS)]);
      return messages.some((m) => m.value !== null && mentionsS(m) && !(m.key?.toString() ?? '').startsWith('deny:')) ? undefined : messages.filter((m) => personal.includes(m.topic));
    }, { what: 'compaction to remove every record of S', timeoutMs: 90_000, intervalMs: 2000 });
    const values = compacted.filter((m) => m.value !== null);
    const count = (topic: string): number => values.filter((m) => m.topic === topic && !(m.key?.toString() ?? '').startsWith('filler')).length;
    expect(count(name(TopicRole.PREDICTIONS))).toBe(OTHERS);
    expect(count(name(TopicRole.LABELS))).toBe(labelled.filter((p) => !sIds.has(p.requestId)).length);
    expect(count(name(TopicRole.OUTCOMES))).toBe(labelled.filter((p) => !sIds.has(p.requestId)).length);
    expect(count(name(TopicRole.DEAD_LETTERS))).toBe(0);
    const produced = new Map(out.map((m) => [`${m.topic}\u0000${String(m.key)}`, m.value]));
    for (const m of values.filter((v) => v.topic !== name(TopicRole.OUTCOMES) && !(v.key?.toString() ?? '').startsWith('filler'))) {
      expect(m.value?.equals(produced.get(`${m.topic}\u0000${m.key?.toString() ?? ''}`) ?? Buffer.alloc(0))).toBe(true);
    }
    expect(fillers).toBeGreaterThan(0);
    phase('compacted and counted');
    const verified = await runCli(['subject', 'verify', S, '--prefix', topics.prefix, '--json'], cli);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    phase('verified clean');
    expect(await findRedisTraces({ url: stackEnv().redisUrl, needles: [S, P, ...sIds] })).toEqual([]);
    phase('redis scanned');
    await expectWindows(predictions.filter((p) => !sIds.has(p.requestId)));
    phase('windows compared');
    const metrics = await (await fetch(`http://127.0.0.1:${eraserPort}/metrics`)).text();
    expect(metrics).toMatch(/driftline_eraser_requests_total\{[^}]*kind="erase",outcome="completed"[^}]*\} 1/);
    for (const text of [metrics, JSON.stringify(receipt), ...eraser.lines, ...joiner.lines, ...aggregator.lines]) expect(text).not.toContain(S);
    const requests = await scanTopics(clients, [name(TopicRole.ERASURE_REQUESTS), name(TopicRole.ERASURE_RECEIPTS)]);
    expect(requests.filter((m) => m.value !== null && m.value.includes(S))).toEqual([]);

    phase('erasure checked');
    // Act 4: restore while the eraser is down: S's old records come back to the topic, and a Redis
    // backup brings S's data key back; then replay erasure-requests (a new requests group)
    eraser.child.kill('SIGTERM');
    expect(await eraser.exited).toBe(0);
    const restored = predictions.filter((p) => sIds.has(p.requestId)).map((p) => ({ topic: name(TopicRole.PREDICTIONS), key: p.requestId, value: encodePrediction(p) }));
    await clients.publisher.publish(restored);
    await keyStore.obtain([P]);
    eraser = startService('eraser', eraserEnv(uniqueName('eraser-requests-replayed')));
    await eraser.started;

    // Assert: the key is shredded again and every restored record is followed by a tombstone
    await waitFor(async () => {
      const latest = latestByKey(await scanTopics(clients, [name(TopicRole.PREDICTIONS)]));
      return [...sIds].every((id) => [...latest.values()].some((m) => m.key?.toString() === id && m.value === null)) || undefined;
    }, { what: 'the restored records of S to be tombstoned again', timeoutMs: 90_000, intervalMs: 1000 });
    await waitFor(async () => (await keyStore.find([P])).size === 0 || undefined, { what: 'the restored key of S to be shredded again', timeoutMs: 30_000 });
    expect(await findRedisTraces({ url: stackEnv().redisUrl, needles: [S, P, ...sIds] })).toEqual([]);
    phase('restore re-erased');

    /** Whether a record is S's: keyed by one of S's request ids, or naming S plainly or by pseudonym. */
    function mentionsS(m: InboundMessage): boolean {
      return sIds.has(m.key?.toString() ?? '') || (m.value?.includes(S) ?? false) || (m.value?.includes(P) ?? false);
    }

    /** One record more per partition of each personal-data topic (and the request topic), after segment.ms: the tombstones' segments roll. */
    async function rollSegments(): Promise<number> {
      await new Promise((r) => setTimeout(r, 1200));
      const filler = predictions[0]!;
      const more: OutboundMessage[] = [];
      for (const topic of personal) {
        for (const p of (await clients.admin.endOffsets(topic)).keys()) {
          const key = `filler-${p}`;
          const value = topic === name(TopicRole.LABELS) ? encodeLabel({ requestId: key, modelId: 'other', label: 'approve', value: null, timestamp: T0 }) : encodePrediction({ ...filler, requestId: key, modelId: 'other', subjectId: null });
          more.push({ topic, key, value, partition: p });
        }
      }
      // The request topic holds the plain request until its tombstone is compacted: roll it too.
      more.push({ topic: name(TopicRole.ERASURE_REQUESTS), key: 'filler', value: null });
      await clients.publisher.publish(more);
      return more.length;
    }

    /** The aggregator's windows equal a recount of `expected` (and of the outcomes the joiner made of them). */
    async function expectWindows(expected: readonly PredictionLog[]): Promise<void> {
      const outcomesNow = await readPartitions(clients, serde, [name(TopicRole.OUTCOMES)]);
      const keep = new Set(expected.map((p) => p.requestId));
      const byId = new Map(expected.map((p) => [p.requestId, p]));
      const partitions = new Map<string, { offset: string; value: PredictionLog | Outcome }[]>([[`${name(TopicRole.PREDICTIONS)}:0`, expected.map((value, i) => ({ offset: String(i), value }))]]);
      const latestOutcomes = new Map<string, Outcome>();
      for (const records of outcomesNow.values()) for (const r of records) latestOutcomes.set(r.value.requestId, r.value as Outcome);
      partitions.set(`${name(TopicRole.OUTCOMES)}:0`, [...latestOutcomes.values()].filter((o) => keep.has(o.requestId) && o.modelId === 'credit').map((o, i) => {
        const p = byId.get(o.requestId);
        return { offset: String(i), value: p === undefined ? o : { ...o, features: p.features } };
      }));
      const want = await recount(spec, partitions, { redisPrefix: agg.DRIFTLINE_REDIS_PREFIX, predictionsTopic: name(TopicRole.PREDICTIONS) });
      const have = new Map(await Promise.all([...want.keys()].map(async (key) => [key, await store.getHashFields(key)] as const)));
      expect(compareWindows(want, have)).toEqual([]);
    }
  }, 420_000);
});
