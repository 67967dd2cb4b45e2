// Turning the subject index into work (pure): which records to read back, which tombstones to
// write, and the per-request-id guards. The personal-data topic roles are fixed.
import type { IndexedLocation } from './index-types.ts';

export const PERSONAL_ROLES = ['predictions', 'labels', 'outcomes', 'dead-letters'] as const;
export type PersonalRole = (typeof PERSONAL_ROLES)[number];

/** request id → role → location, as the index returns it. */
export type IndexedRecords = ReadonlyMap<string, ReadonlyMap<string, IndexedLocation>>;

export interface Tombstone {
  readonly role: PersonalRole;
  readonly key: string;
  /** Where the record was seen; undefined: by key (the producers' murmur2 partitioner). */
  readonly partition: number | undefined;
}

/** One tombstone per request id and personal-data topic: to the partition the record was seen in, else by key. */
export function toTombstones(records: IndexedRecords): Tombstone[] {
  const out: Tombstone[] = [];
  for (const [requestId, roles] of records) {
    for (const role of PERSONAL_ROLES) out.push({ role, key: requestId, partition: roles.get(role)?.partition });
  }
  return out;
}

export interface ReadPlan {
  /** Per role and partition: the smallest and largest offset to read. */
  readonly ranges: Map<PersonalRole, Map<number, { from: bigint; to: bigint }>>;
  /** `role:partition:offset` of every wanted record, mapped to its request id. */
  readonly wanted: Map<string, string>;
}

/** What to read back to get the indexed records of `roles`. */
export function toReadPlan(records: IndexedRecords, roles: readonly PersonalRole[]): ReadPlan {
  const ranges = new Map<PersonalRole, Map<number, { from: bigint; to: bigint }>>();
  const wanted = new Map<string, string>();
  for (const [requestId, byRole] of records) {
    for (const role of roles) {
      const at = byRole.get(role);
      if (at === undefined) continue;
      const offset = BigInt(at.offset);
      const byPartition = ranges.get(role) ?? new Map<number, { from: bigint; to: bigint }>();
      ranges.set(role, byPartition);
      const range = byPartition.get(at.partition);
      byPartition.set(at.partition, range === undefined ? { from: offset, to: offset } : { from: offset < range.from ? offset : range.from, to: offset > range.to ? offset : range.to });
      wanted.set(toPositionId(role, at.partition, at.offset), requestId);
    }
  }
  return { ranges, wanted };
}

export function toPositionId(role: string, partition: number, offset: string): string {
  return `${role}:${partition}:${offset}`;
}

/** Request ids whose indexed records all have an event time up to `until` (a deny entry's reach). */
export function toRecordsUpTo(records: IndexedRecords, until: number): Map<string, ReadonlyMap<string, IndexedLocation>> {
  return new Map([...records].filter(([, roles]) => [...roles.values()].every((l) => l.eventTime <= until)));
}
