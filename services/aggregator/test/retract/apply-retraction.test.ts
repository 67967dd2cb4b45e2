// Taking records out of the windows leaves exactly what folding the rest gives (min and max aside),
// once per retraction id however often it is asked, and only what the stream certainly folded.
import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { InMemoryStateStore } from '@driftline/redis-state';
import type { Outcome, PredictionLog } from '@driftline/schemas';
import { createAggregatorHandler } from '../../src/handler.ts';
import { createAggregatorMetrics } from '../../src/metrics.ts';
import { toWindowKey } from '../../src/core/keys.ts';
import type { WindowId } from '../../src/core/keys.ts';
import { fromWindowHash } from '../../src/core/window-codec.ts';
import { applyRetraction } from '../../src/retract/apply-retraction.ts';
import type { RetractionRecord } from '../../src/retract/retraction-body.ts';
import { ctx, outcome, prediction, serde, toRawRecords } from '../core/support.ts';

const PREFIX = 'dl:';
const guard = { key: 'dl:agg:epoch', value: 'e1' };

async function setup(): Promise<{ store: InMemoryStateStore; fold: (topic: string, values: readonly (PredictionLog | Outcome)[], firstOffset?: number) => Promise<void> }> {
  const store = new InMemoryStateStore();
  await store.ensureValue(guard.key, guard.value);
  const handler = createAggregatorHandler({
    store, serde, metrics: createAggregatorMetrics(new Registry()), contexts: (id) => (id === 'credit' ? ctx : undefined), predictionsTopic: 'predictions',
    redisPrefix: PREFIX, outcomeGraceMs: 3_600_000, guard, onRewind: () => undefined,
  });
  const fold = async (topic: string, values: readonly (PredictionLog | Outcome)[], firstOffset = 0): Promise<void> => {
    await handler.handle({ topic, partition: 0, records: await toRawRecords(topic, values, firstOffset), tombstones: [] });
  };
  return { store, fold };
}

const deps = (store: InMemoryStateStore) => ({
  store, contexts: (id: string) => (id === 'credit' ? ctx : undefined), redisPrefix: PREFIX, outcomeGraceMs: 3_600_000,
  predictionsTopic: 'predictions', outcomesTopic: 'outcomes', guard, now: () => 1_000_000,
});

const windowIds: WindowId[] = ['overall', 'region=eu', 'region=us', 'region=apac'].map((slice) => ({ modelId: 'credit', version: '1', slice, sizeMs: 60_000, start: 600_000 }));

/** The windows as accumulators, min and max left out (not subtractable). */
async function windows(store: InMemoryStateStore): Promise<unknown[]> {
  return Promise.all(windowIds.map(async (id) => {
    const acc = fromWindowHash(id, await store.getHashFields(toWindowKey(PREFIX, id)), ctx);
    return JSON.parse(JSON.stringify(acc, (k, v: unknown) => (k === 'extrema' || k === 'min' || k === 'max' ? undefined : typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as unknown;
  }));
}

const asRecord = (topic: 'predictions' | 'outcomes', value: PredictionLog | Outcome, offset: number): RetractionRecord =>
  (topic === 'predictions' ? { topic, partition: 0, offset: String(offset), value: value as PredictionLog } : { topic, partition: 0, offset: String(offset), value: value as Outcome });

describe('applyRetraction', () => {
  const predictions = Array.from({ length: 40 }, (_, i) => prediction(i));
  const outcomes = predictions.map((_, i) => outcome(i, i % 3 === 0 ? 'decline' : 'approve'));
  const erased = new Set([3, 7, 8, 21, 39]);

  it('leaves what folding only the other records gives, and does it once', async () => {
    // Arrange
    const all = await setup();
    await all.fold('predictions', predictions);
    await all.fold('outcomes', outcomes);
    const kept = await setup();
    await kept.fold('predictions', predictions.filter((_, i) => !erased.has(i)));
    await kept.fold('outcomes', outcomes.filter((_, i) => !erased.has(i)));
    const records = [...erased].flatMap((i) => [asRecord('predictions', predictions[i]!, i), asRecord('outcomes', outcomes[i]!, i)]);

    // Act
    const first = await applyRetraction(deps(all.store), { id: 'req-1', records });
    const again = await applyRetraction(deps(all.store), { id: 'req-1', records });

    // Assert
    expect(first).toMatchObject({ applied: 10, alreadyApplied: 0, skipped: {} });
    expect(first.notes).toHaveLength(1);
    expect(again).toMatchObject({ applied: 0, alreadyApplied: 10 });
    expect(await windows(all.store)).toEqual(await windows(kept.store));
  });

  it('puts a replacement in for the record it takes out (rectification)', async () => {
    const all = await setup();
    await all.fold('predictions', predictions);
    const fixed = predictions.map((p, i) => (erased.has(i) ? { ...p, features: { ...p.features, age: 99, status: 'married' } } : p));
    const expected = await setup();
    await expected.fold('predictions', fixed);

    const summary = await applyRetraction(deps(all.store), { id: 'req-2', records: [...erased].map((i) => ({ ...asRecord('predictions', predictions[i]!, i), replacement: fixed[i]! } as RetractionRecord)) });

    expect(summary.applied).toBe(5);
    expect(await windows(all.store)).toEqual(await windows(expected.store));
  });

  it('waits for records the stream has not folded, and leaves windows with late records alone', async () => {
    const s = await setup();
    await s.fold('predictions', predictions.slice(0, 20));
    await s.fold('predictions', [prediction(50, { timestamp: 60_000 * 5 })], 20); // the watermark passed [5m, 6m) + grace: late

    const summary = await applyRetraction(deps(s.store), { id: 'req-3', records: [asRecord('predictions', predictions[3]!, 3), asRecord('predictions', predictions[30]!, 30), asRecord('predictions', prediction(50, { timestamp: 60_000 * 5 }), 20)] });

    expect(summary).toMatchObject({ applied: 1, skipped: { pending: 1, 'late-unknown': 1 } });
  });

  it('skips records of unmonitored models and of expired windows', async () => {
    const s = await setup();
    await s.fold('predictions', predictions.slice(0, 5));

    const summary = await applyRetraction(deps(s.store), { id: 'req-4', records: [asRecord('predictions', { ...predictions[1]!, modelId: 'other' }, 1), asRecord('predictions', { ...predictions[2]!, timestamp: 60_000 }, 2)] });

    expect(summary).toMatchObject({ applied: 0, skipped: { unmonitored: 1, expired: 1 } });
  });
});
