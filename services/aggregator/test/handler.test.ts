import { describe, expect, it } from 'vitest';
import { createRegistry } from '@driftline/metrics';
import { InMemoryStateStore } from '@driftline/redis-state';
import type { DecodedMessage } from '@driftline/kafka';
import type { Outcome, PredictionLog } from '@driftline/schemas';
import { createAggregatorHandler } from '../src/handler.ts';
import { createAggregatorMetrics } from '../src/metrics.ts';
import { ctx, prediction } from './core/support.ts';

const decoded = (offset: number, value: PredictionLog): DecodedMessage<PredictionLog | Outcome> => ({
  message: { topic: 'predictions', partition: 0, offset: String(offset), key: null, value: Buffer.alloc(0), headers: {}, timestamp: 0 },
  schemaId: 1,
  value,
});

async function setup(): Promise<{ store: InMemoryStateStore; handle: (records: DecodedMessage<PredictionLog | Outcome>[]) => Promise<void> }> {
  const store = new InMemoryStateStore();
  await store.ensureValue('agg:epoch', 'e');
  const handler = createAggregatorHandler({
    store, metrics: createAggregatorMetrics(createRegistry({ service: 'test', defaultMetrics: false })), contexts: (id) => (id === 'credit' ? ctx : undefined),
    predictionsTopic: 'predictions', redisPrefix: '', outcomeGraceMs: 3_600_000, guard: { key: 'agg:epoch', value: 'e' }, onRewind: () => undefined,
  });
  return { store, handle: async (records) => { await handler.handle({ topic: 'predictions', partition: 0, records, tombstones: [] }); } };
}

describe('aggregator handler', () => {
  it('admits slice values up to the cap in record order, sends later ones to __other__, and keeps the decision', async () => {
    // Arrange: the spec caps region at 2 values
    const { store, handle } = await setup();
    const region = (offset: number, value: string): DecodedMessage<PredictionLog | Outcome> => decoded(offset, prediction(offset, { slice: { region: value } }));

    // Act: apac and us come first; eu is over the cap, in this chunk and the next
    await handle([region(0, 'apac'), region(1, 'us'), region(2, 'eu'), region(3, 'us')]);
    await handle([region(4, 'eu'), region(5, 'apac')]);

    // Assert
    const windows = await store.rangeIndex('agg:{credit}:idx', 0, Number.MAX_SAFE_INTEGER);
    expect(windows.map((m) => m.split('|')[1]).sort()).toEqual(['overall', 'region=__other__', 'region=apac', 'region=us']);
    const records = async (slice: string): Promise<number> => (await store.getHashFields(`agg:{credit}:w:1:${slice}:60000:600000`)).vectors['w']?.values[0] ?? 0;
    expect([await records('overall'), await records('region=apac'), await records('region=us'), await records('region=__other__')]).toEqual([6, 2, 2, 2]);
    expect(await store.admitMember('agg:{credit}:slices:region', 'eu', 2)).toBe(false);
  });
});
