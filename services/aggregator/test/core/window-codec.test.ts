import { describe, expect, it } from 'vitest';
import { InMemoryStateStore } from '@driftline/redis-state';
import { mergeFeatureStats, toFeatureSummary } from '@driftline/stats';
import { foldChunk } from '../../src/core/fold-chunk.ts';
import type { FoldRecord } from '../../src/core/fold-chunk.ts';
import { fromWindowHash, toWindowAccumulator, toWindowOps } from '../../src/core/window-codec.ts';
import { ctx, outcome, prediction } from './support.ts';

const fold = (records: FoldRecord<number>[]) =>
  foldChunk(records, { contexts: () => ctx, sliceAdmitted: () => true, eventWatermark: Number.NEGATIVE_INFINITY, outcomeGraceMs: 3_600_000 });

describe('window codec', () => {
  it('rebuilds from Redis deltas of several chunks the statistics of folding everything at once', async () => {
    // Arrange
    const records: FoldRecord<number>[] = Array.from({ length: 300 }, (_, i) => ({ kind: 'prediction', message: i, value: prediction(i) }));
    records.push(...Array.from({ length: 40 }, (_, i): FoldRecord<number> => ({ kind: 'outcome', message: 1000 + i, value: outcome(i, i % 2 === 0 ? 'decline' : 'approve') })));
    const store = new InMemoryStateStore();
    const chunks = [records.slice(0, 70), records.slice(70, 200), records.slice(200)];

    // Act: each chunk applied as deltas, as the aggregator does
    let offset = 0;
    for (const chunk of chunks) {
      const result = fold(chunk);
      const overall = [...result.windows.values()].find((w) => w.id.slice === 'overall')!;
      await store.applyWithWatermark({ watermarkKey: 'wm', watermarkField: 'p:0', offset: offset++, ...toWindowOps(overall, 'w') });
    }
    const rebuilt = fromWindowHash({ modelId: 'credit', version: '1', slice: 'overall', sizeMs: 60_000, start: 600_000 }, await store.getHashFields('w'), ctx);
    const direct = toWindowAccumulator([...fold(records).windows.values()].find((w) => w.id.slice === 'overall')!, ctx);

    // Assert
    expect(rebuilt.records).toBe(direct.records);
    expect(rebuilt.quality).toEqual(direct.quality);
    expect(rebuilt.outcomes.confusion).toEqual(direct.outcomes.confusion);
    expect(rebuilt.predictedLabels).toEqual(direct.predictedLabels);
    for (const name of ['age', 'income', 'status', 'card']) {
      const a = toFeatureSummary(rebuilt.features[name]!);
      const b = toFeatureSummary(direct.features[name]!);
      if (a.kind === 'numeric' && b.kind === 'numeric') {
        expect([a.count, a.min, a.max]).toEqual([b.count, b.min, b.max]);
        expect(a.mean).toBeCloseTo(b.mean, 9);
        expect(a.std).toBeCloseTo(b.std, 6);
        expect(a.quantiles).toEqual(b.quantiles);
      } else {
        expect(a).toEqual(b);
      }
    }
    const age = rebuilt.features['age']!;
    const directAge = direct.features['age']!;
    expect(age.kind === 'numeric' && age.histogram.counts).toEqual(directAge.kind === 'numeric' && directAge.histogram.counts);
    expect(() => mergeFeatureStats(age, directAge)).not.toThrow();
  });
});
