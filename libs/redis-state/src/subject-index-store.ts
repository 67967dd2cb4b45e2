// The SubjectIndexStore port: the eraser's state. The subject index maps a subject's pseudonym to
// the request ids of its records and where each record lies (topic role, partition, offset, event
// time); records that carry only a request id (labels, dead letters) attach to the subject of that
// request id, or wait for it a while. Also: guards (keyed ids of erased requests, so records that
// arrive later are erased on sight) and handled-request markers. Keys never hold a plain subject id.

/** Where a record lies. `offset` is a decimal string (int64-safe). */
export interface IndexedLocation {
  readonly partition: number;
  readonly offset: string;
  /** Event time of the record, epoch ms. */
  readonly eventTime: number;
}

/** One record seen on a personal-data topic. */
export interface SubjectIndexEntry {
  /** The topic role, e.g. `predictions` (no `|`). */
  readonly role: string;
  readonly requestId: string;
  readonly location: IndexedLocation;
  /** The subject the record names; undefined for records that carry only a request id. */
  readonly pseudonym?: string;
}

/** request id → topic role → location (the latest record seen). */
export type SubjectRecords = Map<string, Map<string, IndexedLocation>>;

export interface SubjectIndexStore {
  /**
   * Indexes the entries (idempotent). An entry without a pseudonym is attached to the subject of
   * its request id when that is known, else kept for `orphanTtlMs` and attached when a record
   * naming the subject arrives meanwhile.
   */
  record(entries: readonly SubjectIndexEntry[]): Promise<void>;
  /** Everything indexed for a subject. */
  lookup(pseudonym: string): Promise<SubjectRecords>;
  /** Deletes the subject's index and the per-request entries of `requestIds`; returns how many keys went. */
  forget(pseudonym: string, requestIds: readonly string[]): Promise<number>;
  /** Remembers guard ids (keyed hashes of erased request ids) for `ttlMs`. */
  guard(guardIds: readonly string[], ttlMs: number): Promise<void>;
  /** Which of the guard ids are remembered. */
  guarded(guardIds: readonly string[]): Promise<Set<string>>;
  /** Marks a subject request handled for `ttlMs`. */
  markHandled(requestId: string, ttlMs: number): Promise<void>;
  wasHandled(requestId: string): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** `partition:offset:eventTime`, as stored. */
export function toLocationText(location: IndexedLocation): string {
  return `${location.partition}:${location.offset}:${location.eventTime}`;
}

export function parseLocationText(text: string): IndexedLocation | undefined {
  const [partition, offset, eventTime] = text.split(':');
  if (partition === undefined || offset === undefined || eventTime === undefined) return undefined;
  return { partition: Number(partition), offset, eventTime: Number(eventTime) };
}
