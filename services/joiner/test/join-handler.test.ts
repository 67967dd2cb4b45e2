// Races over the pending store (style rule 34): two instances handle the predictions and the labels
// of the same requestIds at once, with every store call resolving in an order fast-check chooses.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Registry } from 'prom-client';
import { InMemorySchemaRegistry, createAvroSerde, toTopicSubject } from '@driftline/kafka';
import type { DecodedMessage, OutboundMessage } from '@driftline/kafka';
import { InMemoryPendingJoinStore } from '@driftline/redis-state';
import type { PendingJoinStore } from '@driftline/redis-state';
import { groundTruthSchema, predictionLogSchema } from '@driftline/schemas';
import type { GroundTruth, PredictionLog } from '@driftline/schemas';
import { createLogger } from '@driftline/service-kit';
import { InMemorySubjectKeyStore, createPseudonymizer, createSubjectCrypto } from '@driftline/privacy';
import { isJoinerError } from '../src/errors.ts';
import { createJoinHandler } from '../src/join-handler.ts';
import { createJoinerMetrics } from '../src/metrics.ts';

const T0 = 1_795_000_000_000;
const topics = { predictions: 'predictions', labels: 'labels', outcomes: 'outcomes', deadLetters: 'dead-letters' } as const;
const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });

function scheduled(s: fc.Scheduler, inner: PendingJoinStore): PendingJoinStore {
  return {
    join: s.scheduleFunction((r: Parameters<PendingJoinStore['join']>[0]) => inner.join(r)),
    peek: s.scheduleFunction((ids: readonly string[]) => inner.peek(ids)),
    claim: s.scheduleFunction((c: Parameters<PendingJoinStore['claim']>[0]) => inner.claim(c)),
    complete: s.scheduleFunction((i: Parameters<PendingJoinStore['complete']>[0]) => inner.complete(i)),
    advanceStreamTime: s.scheduleFunction((p: number, t: number) => inner.advanceStreamTime(p, t)),
    streamTime: s.scheduleFunction((p: number) => inner.streamTime(p)),
    indexWaitingLabels: s.scheduleFunction((p: number, i: Parameters<PendingJoinStore['indexWaitingLabels']>[1]) => inner.indexWaitingLabels(p, i)),
    dueLabels: s.scheduleFunction((p: number, u: number, l: number) => inner.dueLabels(p, u, l)),
    unindexLabels: s.scheduleFunction((p: number, ids: readonly string[]) => inner.unindexLabels(p, ids)),
    countWaitingLabels: s.scheduleFunction((p: number) => inner.countWaitingLabels(p)),
    deleteByRequestId: (id) => inner.deleteByRequestId(id),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
}

async function chunk<T extends { requestId: string }>(topic: string, subject: string, schema: object, values: readonly T[], firstOffset: number): Promise<{ topic: string; partition: number; records: DecodedMessage<T>[]; tombstones: [] }> {
  const encode = await serde.encoderFor(subject, schema);
  return {
    topic, partition: 0, tombstones: [],
    records: values.map((value, i) => ({ schemaId: 1, value, message: { topic, partition: 0, offset: String(firstOffset + i), key: Buffer.from(value.requestId), value: encode(value), headers: {}, timestamp: 0 } })),
  };
}

/** Retries a chunk the way the consume loop does when the handler throws a retriable error. */
async function retrying(run: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await run();
      return;
    } catch (error) {
      if (!isJoinerError(error) || !error.retriable || attempt > 20) throw error;
    }
  }
}

describe('join handler under concurrent instances', () => {
  test.prop([fc.scheduler(), fc.integer({ min: 1, max: 6 }), fc.boolean()], { numRuns: 60 })(
    'produces exactly one Outcome per requestId whatever the interleaving, duplicates included',
    async (s, n, duplicateLabels) => {
      // Arrange
      const published: OutboundMessage[] = [];
      const store = scheduled(s, new InMemoryPendingJoinStore({ ttlMs: 86_400_000 }));
      const handler = createJoinHandler({
        store, serde, topics, windowMs: 3_600_000,
        crypto: createSubjectCrypto({ pseudonymizer: createPseudonymizer({ pepper: 'a-test-pepper-of-at-least-32-bytes' }), keys: new InMemorySubjectKeyStore() }), graceMs: 60_000, service: 'joiner', now: () => T0,
        publisher: { publish: (m) => { published.push(...m); return Promise.resolve(); } },
        metrics: createJoinerMetrics(new Registry()), logger: createLogger({ service: 'test', level: 'silent' }),
      });
      const ids = Array.from({ length: n }, (_, i) => `r-${i}`);
      const predictions = ids.map((id, i): PredictionLog => ({ requestId: id, modelId: 'm', modelVersion: '1', timestamp: T0 + i, features: {}, prediction: { label: 'a', score: null }, slice: {}, subjectId: i % 2 === 0 ? `customer-${i}` : null }));
      const labels = ids.map((id, i): GroundTruth => ({ requestId: id, modelId: 'm', label: 'a', value: null, timestamp: T0 + i + 10 }));
      const p = await chunk(topics.predictions, toTopicSubject(topics.predictions), predictionLogSchema, predictions, 0);
      const l = await chunk(topics.labels, toTopicSubject(topics.labels), groundTruthSchema, labels, 0);
      const lCopy = await chunk(topics.labels, toTopicSubject(topics.labels), groundTruthSchema, labels, n);

      // Act: instance A handles the predictions while B (and C, with copies) handle the labels
      const runs = [retrying(() => handler.handle(p)), retrying(() => handler.handle(l)), ...(duplicateLabels ? [retrying(() => handler.handle(lCopy))] : [])];
      await s.waitFor(Promise.all(runs));

      // Assert
      expect(published.every((m) => m.topic === topics.outcomes)).toBe(true);
      expect(published.map((m) => String(m.key)).sort()).toEqual([...ids].sort());
    },
  );
});
