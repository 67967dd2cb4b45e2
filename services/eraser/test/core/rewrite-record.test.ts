import { describe, expect, it } from 'vitest';
import { toAnonymized, toRectified } from '../../src/core/rewrite-record.ts';
import type { FeatureValue } from '../../src/core/subject-request.ts';

const isSealed = (v: FeatureValue): boolean => typeof v === 'string' && v.startsWith('sealed:');
const record = { requestId: 'r-1', subjectId: 'alice', features: { age: 41, email: 'a@x', phone: 'sealed:123', zip: null } as Record<string, FeatureValue>, slice: { region: 'eu' } };

describe('toAnonymized', () => {
  it('drops the subject id, the pii features and every sealed value, and keeps the rest', () => {
    expect(toAnonymized(record, { piiFeatures: new Set(['email']), isSealed })).toEqual({ requestId: 'r-1', subjectId: null, features: { age: 41, zip: null }, slice: { region: 'eu' } });
  });
});

describe('toRectified', () => {
  it('changes features and slice attributes, keeping a sealed feature sealed', () => {
    const fixed = toRectified(record, { age: 42, 'features.phone': '456', 'slice.region': 'us', income: 10 }, { isSealed, seal: (v) => `sealed:${String(v)}` });

    expect(fixed).toEqual({ requestId: 'r-1', subjectId: 'alice', features: { age: 42, email: 'a@x', phone: 'sealed:456', zip: null, income: 10 }, slice: { region: 'us' } });
    expect(record.features['age']).toBe(41);
  });
});
