import { describe, expect, it } from 'vitest';
import { DenyList } from '../../src/core/deny-list.ts';
import { toReadPlan, toRecordsUpTo, toTombstones } from '../../src/core/subject-records.ts';

const at = (partition: number, offset: number, eventTime = 10): { partition: number; offset: string; eventTime: number } => ({ partition, offset: String(offset), eventTime });
const records = new Map([
  ['r-1', new Map([['predictions', at(0, 5)], ['labels', at(2, 9)]])],
  ['r-2', new Map([['predictions', at(0, 17, 99)], ['outcomes', at(1, 3)]])],
  ['r-3', new Map([['predictions', at(1, 4)]])],
]);

describe('subject records', () => {
  it('plans one tombstone per request id and personal topic, to the partition seen or by key', () => {
    const tombstones = toTombstones(records);

    expect(tombstones).toHaveLength(12);
    expect(tombstones.filter((t) => t.key === 'r-1').map((t) => [t.role, t.partition])).toEqual([['predictions', 0], ['labels', 2], ['outcomes', undefined], ['dead-letters', undefined]]);
  });

  it('reads back each partition from its smallest to its largest wanted offset', () => {
    const plan = toReadPlan(records, ['predictions']);

    expect(plan.ranges).toEqual(new Map([['predictions', new Map([[0, { from: 5n, to: 17n }], [1, { from: 4n, to: 4n }]])]]));
    expect([...plan.wanted]).toEqual([['predictions:0:5', 'r-1'], ['predictions:0:17', 'r-2'], ['predictions:1:4', 'r-3']]);
  });

  it('reaches with a deny entry only the request ids whose records are all up to its time', () => {
    expect([...toRecordsUpTo(records, 50).keys()]).toEqual(['r-1', 'r-3']);
  });
});

describe('DenyList', () => {
  it('denies records of a pseudonym up to its latest erasure time', () => {
    const deny = new DenyList();
    deny.add('ps1_a', 100);
    deny.add('ps1_a', 50);

    expect([deny.denies('ps1_a', 100), deny.denies('ps1_a', 101), deny.denies('ps1_b', 1)]).toEqual([true, false, false]);
    deny.delete('ps1_a');
    expect(deny.denies('ps1_a', 1)).toBe(false);
  });
});
