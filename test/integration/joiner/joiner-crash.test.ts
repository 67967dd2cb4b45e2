// Kill the joiner with SIGKILL during a run and restart it each time (half the kills at random
// moments, half right after a claim, seen through Redis MONITOR, inside the claim-to-publish
// window that the recovery path must cover): every
// label is matched exactly once by key, no matched requestId lacks its Outcome, every Outcome has
// the right fields, and the only copies an Outcome can have are byte-identical republications
// (the documented window between the produce acknowledgement and the claim's confirmation).
import { describe, expect, it } from 'vitest';
import { toTopicSubject } from '@driftline/kafka';
import type { OutboundMessage } from '@driftline/kafka';
import { TopicRole, groundTruthSchema, predictionLogSchema } from '@driftline/schemas';
import type { DeadLetter, GroundTruth, Outcome, PredictionLog } from '@driftline/schemas';
import { createTestKafka, createTestSerde, createTestTopics } from '../../support/kafka-factories.ts';
import { waitFor } from '../../support/wait-for.ts';
import { buildPredictionLog } from '../../fixtures/prediction-logs.ts';
import { countRecords, exited, joinerEnv, readTopic, startJoiner, watchClaims } from './joiner-process.ts';

const PREDICTIONS = 24_000;
const GHOSTS = 300;
const DUPLICATES = 1000;
const KILLS = 6;
const T0 = 1_795_000_000_000;
const STEP_MS = 100;
const WINDOW_MS = 2 * 3_600_000;

/** Every 10 requests: 8 labelled in the window, 1 labelled after the window, 1 never labelled. */
const kindOf = (i: number): 'matched' | 'expired' | 'unlabelled' => (i % 10 < 8 ? 'matched' : i % 10 === 8 ? 'expired' : 'unlabelled');
const delayOf = (i: number): number => (kindOf(i) === 'expired' ? WINDOW_MS + 3_600_000 : ((i * 7919) % 3600) * 1000);

describe('joiner crash and restart', () => {
  it(`matches every label exactly once across ${KILLS} SIGKILLs, at random moments and right after claims`, async () => {
    // Arrange: predictions in event-time order; labels partly before, partly after their prediction
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 3 });
    const [predictionsTopic, labelsTopic] = [topics.name(TopicRole.PREDICTIONS), topics.name(TopicRole.LABELS)];
    const encodePrediction = await serde.encoderFor(toTopicSubject(predictionsTopic), predictionLogSchema);
    const encodeLabel = await serde.encoderFor(toTopicSubject(labelsTopic), groundTruthSchema);
    const predictions = Array.from({ length: PREDICTIONS }, (_, i) => buildPredictionLog(i, { timestamp: T0 + i * STEP_MS, modelVersion: String(i % 5) }));
    const labelOf = (p: PredictionLog, i: number): GroundTruth => ({ requestId: p.requestId, modelId: p.modelId, label: i % 3 === 0 ? 'decline' : 'approve', value: null, timestamp: p.timestamp + delayOf(i) });
    const labels = new Map(predictions.flatMap((p, i) => (kindOf(i) === 'unlabelled' ? [] : [[p.requestId, labelOf(p, i)] as const])));
    const ghosts = Array.from({ length: GHOSTS }, (_, k): GroundTruth => ({ requestId: `ghost-${k}`, modelId: 'credit', label: 'approve', value: null, timestamp: T0 + k * 60 * STEP_MS }));
    const toP = (p: PredictionLog): OutboundMessage => ({ topic: predictionsTopic, key: p.requestId, value: encodePrediction(p) });
    const toL = (l: GroundTruth): OutboundMessage => ({ topic: labelsTopic, key: l.requestId, value: encodeLabel(l) });
    const out: OutboundMessage[] = [];
    for (let block = 0; block < PREDICTIONS / 1000; block++) {
      const ps = predictions.slice(block * 1000, (block + 1) * 1000);
      const ls = ps.flatMap((p) => { const l = labels.get(p.requestId); return l === undefined ? [] : [toL(l)]; });
      out.push(...(block % 2 === 0 ? [...ls, ...ps.map(toP)] : [...ps.map(toP), ...ls])); // labels first in even blocks
      out.push(...ghosts.slice(block * (GHOSTS / 24), (block + 1) * (GHOSTS / 24)).map(toL));
    }
    const copies = predictions.slice(0, DUPLICATES);
    out.push(...copies.map(toP), ...copies.flatMap((p) => { const l = labels.get(p.requestId); return l === undefined ? [] : [toL(l)]; }));
    for (let i = 0; i < out.length; i += 5000) await clients.publisher.publish(out.slice(i, i + 5000));
    const matched = new Set(predictions.filter((_, i) => kindOf(i) === 'matched').map((p) => p.requestId));
    const expired = new Set(predictions.filter((_, i) => kindOf(i) === 'expired').map((p) => p.requestId));
    const outcomesTopic = topics.name(TopicRole.OUTCOMES);
    const env = joinerEnv({ topicPrefix: topics.prefix, window: `${WINDOW_MS}`, grace: '1m' });

    // Act: kill at random points of the run (after random fractions of the outcomes), restart each time
    const claims = watchClaims(env['JOINER_KEY_PREFIX'] ?? '');
    const killedAt: number[] = [];
    let joiner = startJoiner(env);
    const fractions = Array.from({ length: KILLS }, (_, k) => (k + Math.random()) / (KILLS + 1)).sort((a, b) => a - b);
    for (const fraction of fractions) {
      // at least some progress since the last restart, so every kill lands while the joiner is working
      const target = Math.min(Math.max(Math.floor(fraction * matched.size), (killedAt.at(-1) ?? 0) + 400), matched.size - 1000);
      await waitFor(async () => (await countRecords(clients, outcomesTopic)) >= target || undefined, { what: `${target} outcomes`, timeoutMs: 120_000, intervalMs: 20 });
      if (killedAt.length % 2 === 0) {
        await new Promise((r) => setTimeout(r, Math.random() * 150)); // a random moment, not a fixed phase of a chunk
      } else {
        // right after a claim: between claiming a resolution and publishing it (the recovery path)
        await Promise.race([claims.next(), new Promise((_, reject) => setTimeout(() => { reject(new Error('no claim seen within 30 s')); }, 30_000))]);
      }
      joiner.kill('SIGKILL');
      await exited(joiner);
      killedAt.push(await countRecords(clients, outcomesTopic));
      joiner = startJoiner(env);
    }
    const deadLettersTopic = topics.name(TopicRole.DEAD_LETTERS);
    // Offsets are committed after the side effects: once both inputs are committed to their end, all is out.
    const consumed = async (topic: string): Promise<boolean> => {
      const committed = await clients.admin.committedOffsets(env['DRIFTLINE_SERVICE_GROUP'] ?? '', topic);
      return [...await clients.admin.endOffsets(topic)].every(([p, end]) => committed.get(p) === end);
    };
    await waitFor(async () => ((await consumed(predictionsTopic)) && (await consumed(labelsTopic))) || undefined, { what: 'the joiner to consume both inputs', timeoutMs: 180_000, intervalMs: 200 });
    joiner.kill('SIGTERM');
    const code = await exited(joiner);

    // Assert
    const outcomeMessages = await readTopic(clients, outcomesTopic);
    const outcomes = await Promise.all(outcomeMessages.map(async (m) => ({ key: m.key?.toString() ?? '', bytes: m.value ?? Buffer.alloc(0), value: (await serde.decode<Outcome>(m.value ?? Buffer.alloc(0))).value })));
    const byKey = new Map<string, (typeof outcomes)[number][]>();
    for (const o of outcomes) byKey.set(o.key, [...(byKey.get(o.key) ?? []), o]);
    const duplicates = outcomes.length - byKey.size;
    process.stdout.write(`joiner crash test: ${PREDICTIONS} predictions, ${labels.size + GHOSTS} labels (+${DUPLICATES} duplicated requests), ${KILLS} kills at outcome counts ${killedAt.join(', ')}; ${outcomes.length} outcome records, ${byKey.size} keys, ${duplicates} duplicates\n`);

    expect(code).toBe(0);
    expect(killedAt.every((n, k) => n < matched.size && n > (killedAt[k - 1] ?? 0))).toBe(true); // every kill landed mid-run, after progress
    expect(new Set(byKey.keys())).toEqual(matched);
    for (const [key, copiesOfKey] of byKey) {
      const index = Number(key.slice('req-'.length));
      const p = predictions[index];
      const l = labels.get(key);
      expect(copiesOfKey[0]?.value).toMatchObject({ requestId: key, modelVersion: p?.modelVersion, predictionTimestamp: p?.timestamp, labelTimestamp: l?.timestamp, labelDelayMs: delayOf(index), label: l?.label, subjectId: p?.subjectId });
      for (const copy of copiesOfKey.slice(1)) expect(copy.bytes.equals(copiesOfKey[0]?.bytes ?? Buffer.alloc(0))).toBe(true);
    }
    // A copy needs a kill inside one publish-to-confirm window, so at most one chunk per kill.
    expect(duplicates).toBeLessThanOrEqual(KILLS * 1000);

    const letters = await Promise.all((await readTopic(clients, deadLettersTopic)).map(async (m) => ({ key: m.key?.toString() ?? '', value: (await serde.decode<DeadLetter>(m.value ?? Buffer.alloc(0))).value })));
    const keysWith = (reason: string): Set<string> => new Set(letters.filter((l) => l.value.reason === reason).map((l) => l.key));
    expect(keysWith('DL_JOINER_EXPIRED')).toEqual(expired);
    expect(keysWith('DL_JOINER_UNKNOWN_PREDICTION')).toEqual(new Set(ghosts.map((g) => g.requestId)));
    expect(new Set(letters.map((l) => l.value.reason))).toEqual(new Set(['DL_JOINER_EXPIRED', 'DL_JOINER_UNKNOWN_PREDICTION']));
  }, 420_000);
});
