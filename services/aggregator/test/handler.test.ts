import { describe, expect, it } from 'vitest';
import { createRegistry } from '@driftline/metrics';
import { InMemoryStateStore } from '@driftline/redis-state';
import type { DecodedMessage, HandlerResult } from '@driftline/kafka';
import { createAggregatorHandler } from '../src/handler.ts';
import { createAggregatorMetrics } from '../src/metrics.ts';
import { ctx, prediction, serde, toBytes, toRawRecords } from './core/support.ts';

async function setup(): Promise<{ store: InMemoryStateStore; handle: (records: DecodedMessage<Buffer>[]) => Promise<HandlerResult> }> {
  const store = new InMemoryStateStore();
  await store.ensureValue('agg:epoch', 'e');
  const handler = createAggregatorHandler({
    store, serde, metrics: createAggregatorMetrics(createRegistry({ service: 'test', defaultMetrics: false })), contexts: (id) => (id === 'credit' ? ctx : undefined),
    predictionsTopic: 'predictions', redisPrefix: '', outcomeGraceMs: 3_600_000, guard: { key: 'agg:epoch', value: 'e' }, onRewind: () => undefined,
  });
  return { store, handle: (records) => handler.handle({ topic: 'predictions', partition: 0, records, tombstones: [] }) };
}

describe('aggregator handler', () => {
  it('admits slice values up to the cap in record order, sends later ones to __other__, and keeps the decision', async () => {
    // Arrange: the spec caps region at 2 values
    const { store, handle } = await setup();
    const region = (offset: number, value: string) => prediction(offset, { slice: { region: value } });

    // Act: apac and us come first; eu is over the cap, in this chunk and the next
    await handle(await toRawRecords('predictions', [region(0, 'apac'), region(1, 'us'), region(2, 'eu'), region(3, 'us')]));
    await handle(await toRawRecords('predictions', [region(4, 'eu'), region(5, 'apac')], 4));

    // Assert
    const windows = await store.rangeIndex('agg:{credit}:idx', 0, Number.MAX_SAFE_INTEGER);
    expect(windows.map((m) => m.split('|')[1]).sort()).toEqual(['overall', 'region=__other__', 'region=apac', 'region=us']);
    const records = async (slice: string): Promise<number> => (await store.getHashFields(`agg:{credit}:w:1:${slice}:60000:600000`)).vectors['w']?.values[0] ?? 0;
    expect([await records('overall'), await records('region=apac'), await records('region=us'), await records('region=__other__')]).toEqual([6, 2, 2, 2]);
    expect(await store.admitMember('agg:{credit}:slices:region', 'eu', 2)).toBe(false);
  });

  it('decodes each record as it folds it, and returns one whose body does not decode as invalid', async () => {
    const { store, handle } = await setup();
    const good = await toBytes('predictions', prediction(1));
    const bad = Buffer.concat([good.subarray(0, 5), Buffer.from([0xff, 0xff, 0xff])]);

    const result = await handle(await toRawRecords('predictions', [prediction(0), bad, good]));

    expect(result.invalid.map((r) => [r.message.offset, r.reason])).toEqual([['1', 'DL_KAFKA_AVRO_DECODE']]);
    expect((await store.getHashFields('agg:{credit}:w:1:overall:60000:600000')).vectors['w']?.values[0]).toBe(2);
  });
});
