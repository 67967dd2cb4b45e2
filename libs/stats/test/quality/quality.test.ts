import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkValue, createQualityCheck } from '../../src/quality/check-value.ts';
import type { QualityVerdict } from '../../src/quality/check-value.ts';
import { parseFeatureSpec } from '../../src/quality/feature-spec.ts';
import { createQualityCounts, diffQualityCounts, mergeQualityCounts, recordQuality, toQualitySummary } from '../../src/quality/quality-counts.ts';

const age = { name: 'age', type: 'numeric', range: { min: 0, max: 120 } } as const;
const marital = { name: 'marital_status', type: 'categorical', categories: ['married', 'single'] } as const;
const card = { name: 'has_card', type: 'boolean' } as const;

describe('quality checks', () => {
  it.each([
    [age, 41, 'ok'], [age, undefined, 'missing'], [age, null, 'missing'], [age, Number.NaN, 'missing'],
    [age, '41', 'wrong_type'], [age, -1, 'out_of_range'], [age, 121, 'out_of_range'], [age, Infinity, 'out_of_range'],
    [marital, 'married', 'ok'], [marital, 'widowed', 'unseen_category'], [marital, 3, 'wrong_type'], [marital, null, 'missing'],
    [card, true, 'ok'], [card, 'true', 'wrong_type'], [card, undefined, 'missing'],
  ] as const)('%o with %o → %s', (spec, value, verdict) => {
    expect(checkValue(spec, value)).toBe(verdict);
  });

  it('accepts any string when the spec lists no categories', () => {
    expect(checkValue({ name: 'zip', type: 'categorical', pii: true }, '12345')).toBe('ok');
  });

  it('rejects inconsistent specs', () => {
    expect(() => parseFeatureSpec({ name: 'x', type: 'numeric', range: { min: 2, max: 1 } })).toThrow(/range.min > range.max/);
    expect(() => parseFeatureSpec({ name: 'x', type: 'categorical', range: { min: 0 } })).toThrow(/numeric/);
    expect(() => parseFeatureSpec({ name: 'x', type: 'numeric', categories: ['a'] })).toThrow(/categorical/);
  });

  const verdicts = fc.array(fc.constantFrom<QualityVerdict>('ok', 'missing', 'wrong_type', 'out_of_range', 'unseen_category'), { maxLength: 40 });
  const fold = (vs: readonly QualityVerdict[]) => {
    const s = createQualityCounts();
    for (const v of vs) recordQuality(s, v);
    return s;
  };

  it.prop([verdicts, verdicts, verdicts])('counters merge associatively and diff exactly', (a, b, c) => {
    const [sa, sb, sc] = [fold(a), fold(b), fold(c)];
    expect(mergeQualityCounts(mergeQualityCounts(sa, sb), sc)).toEqual(mergeQualityCounts(sa, mergeQualityCounts(sb, sc)));
    expect(mergeQualityCounts(sa, sb)).toEqual(fold([...a, ...b]));
    expect(diffQualityCounts(sa, mergeQualityCounts(sa, sb))).toEqual(sb);
  });

  it('summarises rates per feature', () => {
    const check = createQualityCheck(age);
    const s = createQualityCounts();
    for (const v of [1, 2, null, 500]) recordQuality(s, check(v));
    expect(toQualitySummary(s)).toEqual({ total: 4, missingRate: 0.25, wrongTypeRate: 0, outOfRangeRate: 0.25, unseenCategoryRate: 0 });
  });
});
