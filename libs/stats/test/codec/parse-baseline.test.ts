import { describe, expect, it } from 'vitest';
import { createCoMoments, recordCoMoments } from '../../src/accumulators/co-moments.ts';
import { createOutcomeCounts, recordOutcome } from '../../src/accumulators/outcome-counts.ts';
import { parseBaselineDocument } from '../../src/codec/parse-baseline.ts';
import { isStatsError } from '../../src/errors.ts';
import { createProfileBuilder, recordProfileRow, startHistogramPass, toReferenceProfile } from '../../src/profile/profile-builder.ts';
import type { ReferenceProfile } from '../../src/profile/profile-builder.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

function profile(values: readonly number[]): ReferenceProfile {
  const b = createProfileBuilder([{ name: 'age', type: 'numeric' }]);
  for (const age of values) recordProfileRow(b, { age });
  startHistogramPass(b);
  for (const age of values) recordProfileRow(b, { age });
  return toReferenceProfile(b);
}

function document(): Record<string, unknown> {
  const outcomes = createOutcomeCounts();
  recordOutcome(outcomes, { actual: 'yes', predicted: 'no' });
  const co = createCoMoments();
  recordCoMoments(co, 30, 0.4);
  return JSON.parse(JSON.stringify({
    kind: 'driftline-baseline', version: 1, modelId: 'credit', createdAt: '2026-11-27T00:00:00.000Z',
    source: { file: 'train.jsonl', format: 'jsonl' }, rows: 6, skippedLines: 0, bins: 10, sliceKeys: ['region'], maxValuesPerKey: 5,
    overall: profile([20, 30, 40, 50, 60, 70]),
    slices: { 'region=eu': profile([20, 30, 40]), 'region=us': profile([50, 60, 70]) },
    behaviour: { overall: { outcomes, coMoments: { age: co } }, slices: { 'region=eu': { outcomes, coMoments: { age: co } } } },
  })) as Record<string, unknown>;
}

describe('parseBaselineDocument', () => {
  it('parses what driftline baseline writes, behaviour included', () => {
    const doc = parseBaselineDocument(document());
    expect(doc.modelId).toBe('credit');
    expect(Object.keys(doc.slices)).toEqual(['region=eu', 'region=us']);
    expect(doc.slices['region=us']?.rows).toBe(3);
    expect(doc.prediction).toBeUndefined();
    expect(doc.behaviour?.slices['region=eu']?.outcomes.confusion).toEqual({ 'no|yes': 1 });
    expect(doc.behaviour?.overall.coMoments['age']?.sxy).toBeCloseTo(12);
  });

  it('accepts a baseline without behaviour (written before it existed)', () => {
    const json = document();
    delete json['behaviour'];
    expect(parseBaselineDocument(json).behaviour).toBeUndefined();
  });

  it('refuses another kind of document', () => {
    expectStatsError(() => parseBaselineDocument({ ...document(), kind: 'profile' }), 'DL_STATS_INVALID_STATE');
  });

  it('names the JSON path of a broken slice profile from the document root', () => {
    const json = document();
    const eu = (json['slices'] as Record<string, { stats: { age: { histogram: { edges: unknown } } } }>)['region=eu'];
    if (eu !== undefined) eu.stats.age.histogram.edges = [3, 2];
    let thrown: unknown;
    try { parseBaselineDocument(json); } catch (error) { thrown = error; }
    expect(isStatsError(thrown) && thrown.message).toBe('baseline.slices.region=eu.stats.age.histogram.edges: expected strictly increasing finite edges');
  });

  it('names the path of broken behaviour counts', () => {
    const json = document();
    (json['behaviour'] as { overall: { outcomes: { n: unknown } } }).overall.outcomes.n = -1;
    let thrown: unknown;
    try { parseBaselineDocument(json); } catch (error) { thrown = error; }
    expect(isStatsError(thrown) && thrown.message).toBe('baseline.behaviour.overall.outcomes.n: expected a non-negative integer');
  });
});
