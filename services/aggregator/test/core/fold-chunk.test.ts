import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createQualityCounts, createWindowRecorder, createWindowStatsLike, recordQuality, recordWindowRow, toFeatureSummary } from '@driftline/stats';
import { foldChunk } from '../../src/core/fold-chunk.ts';
import type { FoldRecord } from '../../src/core/fold-chunk.ts';
import { toWindowAccumulator } from '../../src/core/window-codec.ts';
import { createDataKey, createPseudonymizer, isEnvelope, sealValue } from '@driftline/privacy';
import { SCORE, toModelContext } from '../../src/core/model-context.ts';
import { ctx, outcome, prediction } from './support.ts';

type Admit = (modelId: string, key: string, value: string) => boolean;
const admitAll: Admit = () => true;
const fold = (records: FoldRecord<number>[], eventWatermark = Number.NEGATIVE_INFINITY, sliceAdmitted: Admit = admitAll) => {
  const result = foldChunk(records, { contexts: (id) => (id === 'credit' ? ctx : undefined), sliceAdmitted, eventWatermark, outcomeGraceMs: 3_600_000 });
  return { ...result, windows: [...result.windows.values()].map((w) => toWindowAccumulator(w, ctx)) };
};
const p = (i: number, o = {}): FoldRecord<number> => ({ kind: 'prediction', message: i, value: prediction(i, o) });

describe('foldChunk', () => {
  it('folds predictions into the overall window and one window per slice value', () => {
    const result = fold(Array.from({ length: 30 }, (_, i) => p(i)));

    const slices = [...result.windows.values()].map((w) => [w.id.slice, w.records]);
    expect(slices).toEqual([['overall', 30], ['region=eu', 10], ['region=us', 10], ['region=apac', 10]]);
    const overall = [...result.windows.values()][0]!;
    expect(overall.quality['status']).toMatchObject({ total: 30, ok: 20, unseenCategory: 10 });
    expect(overall.quality['zip']).toMatchObject({ total: 30, ok: 30 });
    expect(overall.features['zip']).toBeUndefined(); // pii: counts only
    const age = toFeatureSummary(overall.features['age']!);
    expect(age.kind === 'numeric' && age.mean).toBeCloseTo(34.5, 10);
  });

  it('sends slice values over the cap to __other__', () => {
    const result = fold(Array.from({ length: 3 }, (_, i) => p(i)), undefined, (_m, _k, v) => v !== 'apac');

    expect([...result.windows.values()].map((w) => w.id.slice)).toEqual(['overall', 'region=eu', 'region=us', 'region=__other__']);
  });

  it('counts a prediction after its window closed (end + grace) as late and does not fold it', () => {
    const late = p(1, { timestamp: 60_000 * 5 + 1 }); // window [5m, 6m) closes at 6m10s
    const result = fold([late], 60_000 * 6 + 10_000);

    const overall = [...result.windows.values()][0]!;
    expect([result.late, overall.late, overall.records]).toEqual([1, 1, 0]);
  });

  it('keeps a prediction within the grace period', () => {
    const result = fold([p(1, { timestamp: 60_000 * 5 + 1 })], 60_000 * 6 + 9_999);

    expect([result.late, [...result.windows.values()][0]!.records]).toEqual([0, 1]);
  });

  it('makes the same late decisions whatever the chunking', () => {
    const records = [p(1, { timestamp: 600_000 }), p(2, { timestamp: 700_000 }), p(3, { timestamp: 600_500 }), p(4, { timestamp: 800_000 }), p(5, { timestamp: 690_000 })];

    const whole = fold(records);
    const first = fold(records.slice(0, 2));
    const second = fold(records.slice(2), first.eventWatermark);

    expect(whole.late).toBe(first.late + second.late);
    expect(whole.late).toBe(2);
  });

  it('dead-letters bad timestamps and predictions without label or score, skips unknown models', () => {
    const result = fold([p(1, { timestamp: -5 }), p(2, { prediction: { label: null, score: null } }), p(3, { modelId: 'unknown' })]);

    expect(result.invalid.map((r) => [r.message, r.reason])).toEqual([[1, 'DL_AGG_INVALID_TIMESTAMP'], [2, 'DL_AGG_MISSING_PREDICTION']]);
    expect(result.unmonitored).toBe(1);
  });

  it('counts outcomes: confusion by score threshold, label distribution and calibration', () => {
    const result = fold([
      { kind: 'outcome', message: 1, value: outcome(9, 'decline') }, // score 0.9 → decline, correct
      { kind: 'outcome', message: 2, value: outcome(1, 'decline') }, // score 0.1 → approve, wrong
      { kind: 'outcome', message: 3, value: outcome(2, 'approve') }, // score 0.2 → approve, correct
    ]);

    const o = [...result.windows.values()][0]!.outcomes;
    expect(o.confusion).toEqual({ 'decline|decline': 1, 'approve|decline': 1, 'approve|approve': 1 });
    expect(o.labels).toEqual({ decline: 2, approve: 1 });
    expect(o.calibration.n[9]).toBe(1);
    expect(o.calibration.positive[1]).toBe(1);
  });
});

describe('sealed pii values', () => {
  it('counts a sealed pii value as present and a plain one by its type', () => {
    const spec = { ...ctx.spec, features: [...ctx.spec.features, { name: 'salary', type: 'numeric' as const, pii: true }] };
    const sealedCtx = toModelContext({ spec, profileJson: null, profileId: null, isSealed: isEnvelope });
    const pseudonym = createPseudonymizer({ pepper: 'a-test-pepper-of-at-least-32-bytes' }).toPseudonym('person-1');
    const sealed = sealValue({ key: createDataKey(), pseudonym, plaintext: '52000' });
    const records = [{ salary: sealed }, { salary: 'plain text' }, { salary: 52_000 }, {}].map((f, i): FoldRecord<number> => ({ kind: 'prediction', message: i, value: prediction(i, { features: { ...prediction(i).features, ...f } }) }));

    const result = foldChunk(records, { contexts: () => sealedCtx, sliceAdmitted: admitAll, eventWatermark: Number.NEGATIVE_INFINITY, outcomeGraceMs: 0 });
    const overall = toWindowAccumulator([...result.windows.values()][0]!, sealedCtx);

    expect(overall.quality['salary']).toMatchObject({ total: 4, ok: 2, wrongType: 1, missing: 1 });
    expect(overall.features['salary']).toBeUndefined();
  });
});

describe('foldChunk against @driftline/stats', () => {
  const value = fc.oneof(
    fc.double({ min: -1e6, max: 1e6 }), fc.integer({ min: -5, max: 130 }), fc.constantFrom(0, -0, 18, 120, 1e-310, -1e-310, Number.NaN, Number.POSITIVE_INFINITY),
    fc.constantFrom(null, 'x', true, 'single', 'married', 'divorced'),
  );

  const score = fc.oneof(fc.double({ min: -2, max: 2 }), fc.constantFrom(0, -0, 0.5, 1, 1e-310, Number.NaN, Number.POSITIVE_INFINITY));

  test.prop([fc.array(fc.tuple(value, value, value, value, score), { minLength: 1, maxLength: 60 })])('records every value as the library does (quality, counts, histogram, sketch, extrema, moments)', (rows) => {
    const records = rows.map(([age, income, status, card, s], i) => p(i, { features: { age, income, status, card, zip: 'z' }, prediction: { label: null, score: s } }));
    const expected = createWindowStatsLike(ctx.template);
    const recorder = createWindowRecorder(ctx.statsSpecs, ctx.template);
    const quality = Object.fromEntries(ctx.checks.map(({ name }) => [name, createQualityCounts()]));
    const scoreSpecs = [{ name: SCORE, type: 'numeric' as const }];
    const expectedScore = createWindowStatsLike({ [SCORE]: ctx.scoreTemplate });
    const scoreRecorder = createWindowRecorder(scoreSpecs, expectedScore);
    for (const r of records) {
      for (const { name, check } of ctx.checks) recordQuality(quality[name]!, check(r.value.features[name]));
      recordWindowRow(expected, recorder, r.value.features);
      recordWindowRow(expectedScore, scoreRecorder, { [SCORE]: r.value.prediction.score });
    }

    const overall = fold(records).windows[0]!;
    expected[SCORE] = expectedScore[SCORE]!;
    overall.features[SCORE] = overall.score;

    expect(overall.quality).toEqual(quality);
    for (const [name, want] of Object.entries(expected)) {
      const got = overall.features[name]!;
      expect(got.counts).toEqual(want.counts);
      if (want.kind === 'categorical' || got.kind === 'categorical') { expect(got).toEqual(want); continue; }
      expect([got.histogram.counts, got.sketch.pos, got.sketch.neg, got.sketch.zero, got.sketch.count]).toEqual([want.histogram.counts, want.sketch.pos, want.sketch.neg, want.sketch.zero, want.sketch.count]);
      expect([got.extrema.min, got.extrema.max]).toEqual([want.extrema.min, want.extrema.max]);
      expect(got.moments.mean).toBeCloseTo(want.moments.mean, 6);
    }
  });
});
