// The DocumentStore port: small versioned documents (e.g. a policy state machine per model) updated
// with optimistic concurrency, committed in one atomic step with an offset watermark and with
// outbox entries (records to publish once the commit holds). Used by the trigger.

/** A stored document and its version (1 after the first write; every commit adds one). */
export interface StoredDocument {
  readonly version: number;
  readonly body: string;
}

export interface DocumentWrite {
  readonly key: string;
  /** The version the new body was computed from: 0 when the document did not exist. */
  readonly expectVersion: number;
  readonly body: string;
}

export interface OutboxEntry {
  /** Hash holding the outbox (one field per entry). */
  readonly key: string;
  /** The entry's id, e.g. a deterministic request id. */
  readonly field: string;
  readonly value: string;
  /** Epoch ms until which no `claimOutbox` hands the entry out (the committing process publishes it). */
  readonly leaseUntil: number;
}

export interface DocumentCommit {
  readonly writes: readonly DocumentWrite[];
  /**
   * Input offsets the commit covers (omit for commits that consume nothing, e.g. clock ticks).
   * Same rules as `StateStore.applyWithWatermark`: a watermark at or past `offset` makes the commit a
   * no-op ('replayed'); a watermark in [fromOffset, offset) throws WatermarkConflictError.
   */
  readonly watermark?: { readonly key: string; readonly field: string; readonly offset: number; readonly fromOffset?: number };
  readonly outbox?: readonly OutboxEntry[];
}

/** 'applied': everything was written; 'replayed': the watermark already covered the offsets, nothing changed. */
export type CommitResult = 'applied' | 'replayed';

export interface DocumentStore {
  /** The documents under `keys` (undefined where there is none), in order. */
  getDocuments(keys: readonly string[]): Promise<(StoredDocument | undefined)[]>;
  /**
   * Writes every document, adds the outbox entries and moves the watermark, all or nothing. Throws
   * DocumentConflictError (retriable) when a document's version is no longer `expectVersion`: re-read
   * and compute again.
   */
  commit(commit: DocumentCommit): Promise<CommitResult>;
  getWatermark(key: string, field: string): Promise<number | undefined>;
  /**
   * Hands out up to `limit` entries of the outbox whose lease has expired (at or before `now`) and
   * leases them until `leaseUntil`, atomically: two callers never get the same entry for one lease.
   */
  claimOutbox(key: string, options: { readonly now: number; readonly leaseUntil: number; readonly limit: number }): Promise<{ field: string; value: string }[]>;
  /** Replaces an entry's value (its lease is kept); a no-op when the entry is gone. */
  updateOutboxEntry(key: string, field: string, value: string): Promise<void>;
  /** Removes an entry and its lease. */
  deleteOutboxEntry(key: string, field: string): Promise<void>;
  /** Deletes every key under `prefix`; returns how many. */
  deleteByPrefix(prefix: string): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
