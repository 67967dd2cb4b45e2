import { describe, expect, it } from 'vitest';
import { toAdvice, toDriftRatio } from '../../../src/core/policy/advice.ts';
import { addToEpisode, toSignalEvent } from '../../../src/core/policy/drift-episode.ts';
import type { DriftSignal } from '../../../src/core/policy/policy-state.ts';
import { HOUR, T0, driftEvent } from './policy-fixtures.ts';

const signals = (...events: Parameters<typeof driftEvent>[0][]): DriftSignal[] =>
  events.reduce<DriftSignal[]>((acc, e) => addToEpisode(acc, toSignalEvent(driftEvent(e)), { holdMs: HOUR, clock: T0 }), []);

describe('toDriftRatio', () => {
  it('divides a distance by its threshold', () => {
    expect(toDriftRatio({ statistic: 'psi', value: 0.5, threshold: 0.2 })).toBeCloseTo(2.5, 12);
    expect(toDriftRatio({ statistic: 'wasserstein', value: 0.1, threshold: 0 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('compares p-values in log scale: alpha squared is twice the threshold', () => {
    expect(toDriftRatio({ statistic: 'ks', value: 0.0025, threshold: 0.05 })).toBeCloseTo(2, 12);
    expect(toDriftRatio({ statistic: 'chi-square', value: 0.05, threshold: 0.05 })).toBeCloseTo(1, 12);
    expect(toDriftRatio({ statistic: 'z-test', value: 0, threshold: 0.05 })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('toAdvice', () => {
  it('keeps all data and fine-tunes when no drift triggered the request', () => {
    expect(toAdvice([], 8)).toEqual({ trainFrom: null, advice: expect.stringMatching(/^fine-tune: no drift triggered/) as unknown });
  });

  it('fine-tunes from the earliest change point when the drift is small and narrow', () => {
    const advice = toAdvice(signals({ feature: 'income', value: 0.3, windowStart: T0 - 2 * HOUR }, { feature: 'age', value: 0.35, windowStart: T0 - HOUR }), 8);

    expect(advice.trainFrom).toBe(T0 - 2 * HOUR);
    expect(advice.advice).toBe('fine-tune: the drift is small (largest: psi 0.35 vs threshold 0.2 (1.75×), below 2×) and narrow (2 of 8 features); start from the current model and train on data from 2026-11-27T07:00:00Z (the earliest detected change point)');
  });

  it('retrains from scratch when one feature drifted twice its threshold or more', () => {
    expect(toAdvice(signals({ value: 0.4 }), 8).advice).toMatch(/^retrain-from-scratch: the drift is large \(largest: psi 0.4 vs threshold 0.2 \(2×\), at least 2×\)/);
  });

  it('retrains from scratch when more than a quarter of the features drifted', () => {
    const advice = toAdvice(signals({ feature: 'a' }, { feature: 'b' }, { feature: 'c' }), 8).advice;

    expect(advice).toMatch(/^retrain-from-scratch: the drift is broad \(3 of 8 features, more than a quarter\); train on data from/);
    expect(advice).toMatch(/and leave out older data$/);
  });

  it('retrains from scratch after a concept drift, however small', () => {
    expect(toAdvice(signals({ kind: 'CONCEPT_DRIFT', feature: null, statistic: 'ddm', value: 1, threshold: 1 }), 8).advice).toMatch(/^retrain-from-scratch: the relationship between features and labels changed/);
  });
});
