import { describe, expect, it } from 'vitest';
import { toDistinctEstimate } from '../../src/accumulators/hyperloglog.ts';
import { parseReferenceProfile, parseHyperLogLog } from '../../src/codec/parse-profile.ts';
import { driftFromFeatureStats } from '../../src/drift/drift-from-stats.ts';
import { createProfileBuilder, recordProfileRow, startHistogramPass, toReferenceProfile } from '../../src/profile/profile-builder.ts';
import { createWindowRecorder, createWindowStatsLike, recordWindowRow } from '../../src/profile/window-stats.ts';
import type { FeatureSpec } from '../../src/quality/feature-spec.ts';
import { expectStatsError } from '../support/expect-stats-error.ts';

const specs: FeatureSpec[] = [
  { name: 'age', type: 'numeric', range: { min: 18, max: 100 } },
  { name: 'income', type: 'numeric' },
  { name: 'marital_status', type: 'categorical', categories: ['married', 'single', 'divorced'] },
  { name: 'city', type: 'categorical' },
  { name: 'has_card', type: 'boolean' },
  { name: 'email', type: 'categorical', pii: true },
];

/** Deterministic rows (a fixed linear congruential sequence: randomness is an input). */
function rows(n: number, shift = 0): Record<string, unknown>[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i += 1) {
    out.push({
      age: i % 50 === 0 ? null : Math.floor(18 + 60 * next()) + shift,
      income: Math.exp(10 + next() + shift / 10),
      marital_status: ['married', 'single', 'divorced', 'widowed'][Math.floor(next() * 3.1)],
      city: `city-${Math.floor(next() * next() * 30)}`,
      has_card: next() < 0.4,
      email: `person${i}@example.com`,
    });
  }
  return out;
}

function build(data: readonly Record<string, unknown>[]) {
  const builder = createProfileBuilder(specs, { bins: 10, topK: 20 });
  for (const r of data) recordProfileRow(builder, r);
  startHistogramPass(builder);
  for (const r of data) recordProfileRow(builder, r);
  return toReferenceProfile(builder);
}

describe('reference profile builder', () => {
  const data = rows(5000);
  const profile = build(data);

  it('puts histogram edges at the reference deciles (within the sketch error) and the ends at min/max', () => {
    const income = profile.stats['income'];
    if (income?.kind !== 'numeric') throw new Error('income should be numeric');
    const sorted = data.map((r) => r['income'] as number).sort((a, b) => a - b);
    const { edges, counts } = income.histogram;
    expect(edges).toHaveLength(11);
    expect(edges[0]).toBe(sorted[0]);
    expect(edges[10]).toBe(sorted[4999]);
    for (let i = 1; i < 10; i += 1) {
      const exact = sorted[Math.floor((i / 10) * 4999)] ?? 0;
      expect(Math.abs((edges[i] ?? 0) - exact)).toBeLessThanOrEqual(0.01 * exact);
    }
    expect(counts[0]).toBe(0);
    expect(counts[11]).toBe(0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('counts quality problems and missing values per feature', () => {
    expect(profile.rows).toBe(5000);
    expect(profile.features['age']?.quality.missing).toBe(100);
    expect(profile.features['marital_status']?.quality.unseenCategory).toBeGreaterThan(0);
    expect(profile.stats['age']?.counts).toEqual({ count: 4900, missing: 100 });
  });

  it('keeps top-K categories and a distinct estimate for undeclared categoricals', () => {
    const city = profile.features['city'];
    expect(city?.topK?.top.length).toBeLessThanOrEqual(20);
    expect(city?.topK?.top[0]?.value).toBe('city-0');
    const distinct = city?.distinct === undefined ? 0 : toDistinctEstimate(parseHyperLogLog(city.distinct));
    expect(Math.round(distinct)).toBe(30);
  });

  it('keeps no values of personal-data features', () => {
    expect(profile.stats['email']).toBeUndefined();
    expect(profile.features['email']?.distinct).toBeUndefined();
    expect(JSON.stringify(profile)).not.toContain('@example.com');
    expect(profile.features['email']?.quality.ok).toBe(5000);
  });

  it('round-trips through JSON', () => {
    const text = JSON.stringify(profile);
    expect(parseReferenceProfile(JSON.parse(text))).toEqual(JSON.parse(text));
  });

  it('shapes windows like the reference, so drift compares them', () => {
    const window = createWindowStatsLike(profile.stats);
    const recorder = createWindowRecorder(specs, window);
    for (const r of data.slice(0, 2000)) recordWindowRow(window, recorder, r);
    const shifted = createWindowStatsLike(profile.stats);
    for (const r of rows(2000, 15)) recordWindowRow(shifted, recorder, r);
    const ref = profile.stats['age'];
    const same = window['age'];
    const moved = shifted['age'];
    if (ref === undefined || same === undefined || moved === undefined) throw new Error('missing stats');
    expect(driftFromFeatureStats(ref, same).drift).toBe(false);
    expect(driftFromFeatureStats(ref, moved).drift).toBe(true);
  });

  it('refuses to finish before the second pass, and duplicate names', () => {
    const b = createProfileBuilder(specs);
    expectStatsError(() => toReferenceProfile(b), 'DL_STATS_INVALID_ARGUMENT');
    expect(() => createProfileBuilder([specs[0]!, specs[0]!])).toThrow(/duplicate/);
  });
});
