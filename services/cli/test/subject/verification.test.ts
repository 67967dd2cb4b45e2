import { describe, expect, it } from 'vitest';
import { toVerification } from '../../src/subject/verification.ts';
import type { ScannedRecord } from '../../src/subject/verification.ts';

const rec = (topic: string, offset: number, key: string, overrides: Partial<ScannedRecord> = {}): ScannedRecord =>
  ({ topic, partition: 0, offset: String(offset), key, timestamp: 1000 * offset, tombstone: false, names: undefined, accountability: false, ...overrides });
const options = { requestIdRoles: new Set(['predictions']), boundMs: () => 60_000 };

describe('toVerification', () => {
  it('finds a readable record of the subject and the labels of its request ids', () => {
    const v = toVerification([rec('predictions', 1, 'r-1', { names: 'plain' }), rec('predictions', 2, 'r-2'), rec('labels', 1, 'r-1'), rec('labels', 2, 'r-2')], options);

    expect(v.requestIds).toEqual(['r-1']);
    expect(v.findings).toEqual([{ topic: 'predictions', partition: 0, offset: '1', state: 'readable' }, { topic: 'labels', partition: 0, offset: '1', state: 'readable' }]);
  });

  it('says when a tombstoned record is compacted at the latest', () => {
    const v = toVerification([rec('predictions', 1, 'r-1', { names: 'plain' }), rec('predictions', 5, 'r-1', { tombstone: true })], options);

    expect(v.findings).toEqual([{ topic: 'predictions', partition: 0, offset: '1', state: 'awaiting-compaction', goneBy: 5000 + 60_000 }]);
  });

  it('tells records sealed under a shredded key apart, and counts accountability records', () => {
    const v = toVerification([rec('predictions', 1, 'r-1', { names: 'shredded' }), rec('erasure-receipts', 1, 'q-1', { accountability: true })], options);

    expect(v.findings.map((f) => f.state)).toEqual(['sealed-unreadable']);
    expect(v.accountabilityRecords).toBe(1);
  });

  it('finds nothing once the subject\'s records are gone', () => {
    expect(toVerification([rec('predictions', 2, 'r-2'), rec('predictions', 3, 'r-1', { tombstone: true })], options).findings).toEqual([]);
  });
});
