import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { GroundTruth, PredictionLog } from '@driftline/schemas';
import { resolvePair } from '../../src/core/resolve-pair.ts';

const T0 = 1_795_000_000_000;
const prediction: PredictionLog = {
  requestId: 'r-1', modelId: 'credit', modelVersion: '3', timestamp: T0, features: { age: 41, zip: null },
  prediction: { label: 'approve', score: 0.8 }, slice: { region: 'eu' }, subjectId: 'customer-9',
};
const label = (timestamp: number, overrides: Partial<GroundTruth> = {}): GroundTruth => ({ requestId: 'r-1', modelId: 'credit', label: 'decline', value: null, timestamp, ...overrides });

describe('resolvePair', () => {
  it('joins a label in the window into an Outcome with both timestamps and the delay', () => {
    expect(resolvePair(prediction, label(T0 + 5000), { windowMs: 60_000 })).toEqual({
      kind: 'outcome',
      outcome: {
        requestId: 'r-1', modelId: 'credit', modelVersion: '3', predictionTimestamp: T0, labelTimestamp: T0 + 5000, labelDelayMs: 5000,
        features: { age: 41, zip: null }, prediction: { label: 'approve', score: 0.8 }, label: 'decline', value: null, slice: { region: 'eu' }, subjectId: 'customer-9',
      },
    });
  });

  it('includes both window bounds', () => {
    expect(resolvePair(prediction, label(T0), { windowMs: 60_000 }).kind).toBe('outcome');
    expect(resolvePair(prediction, label(T0 + 60_000), { windowMs: 60_000 }).kind).toBe('outcome');
  });

  it.each([
    ['after the window', label(T0 + 60_001), 'DL_JOINER_EXPIRED'],
    ['before the prediction', label(T0 - 1), 'DL_JOINER_LABEL_BEFORE_PREDICTION'],
    ['for another model', label(T0 + 1, { modelId: 'fraud' }), 'DL_JOINER_MODEL_MISMATCH'],
  ])('rejects a label %s with its reason', (_what, l, reason) => {
    expect(resolvePair(prediction, l, { windowMs: 60_000 })).toMatchObject({ kind: 'reject', reason });
  });

  test.prop([fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 1e9 })])('produces an Outcome exactly when 0 ≤ delay ≤ window', (delayMs, windowMs) => {
    const result = resolvePair(prediction, label(T0 + delayMs), { windowMs });

    expect(result.kind === 'outcome').toBe(delayMs >= 0 && delayMs <= windowMs);
    if (result.kind === 'outcome') expect(result.outcome.labelDelayMs).toBe(delayMs);
    else expect(result.detail).not.toContain('customer-9');
  });
});
