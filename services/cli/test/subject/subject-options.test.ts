import { describe, expect, it } from 'vitest';
import { parseChanges } from '../../src/subject/subject-options.ts';

describe('parseChanges', () => {
  it('reads numbers, booleans, null and text', () => {
    expect(parseChanges({ set: ['age=42', 'vip=true', 'zip=null', 'name=Ann Lee', 'slice.region=eu', 'code="007"'] } as never)).toEqual({ age: 42, vip: true, zip: null, name: 'Ann Lee', 'slice.region': 'eu', code: '007' });
  });

  it('refuses no change and a change without a name', () => {
    expect(() => parseChanges({})).toThrow(/at least one --set/);
    expect(() => parseChanges({ set: ['=3'] } as never)).toThrow(/<name>=<value>/);
  });
});
