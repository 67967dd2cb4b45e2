// Fake DocumentStore with the same atomic commit, version and lease semantics as the Redis adapter.
import { DocumentConflictError, WatermarkConflictError } from './errors.ts';
import type { CommitResult, DocumentCommit, DocumentStore, StoredDocument } from './document-store.ts';
import { deleteKeysWithPrefix } from './delete-keys.ts';

export class InMemoryDocumentStore implements DocumentStore {
  readonly #documents = new Map<string, StoredDocument>();
  readonly #watermarks = new Map<string, Map<string, number>>();
  readonly #outboxes = new Map<string, Map<string, { value: string; leaseUntil: number }>>();

  getDocuments(keys: readonly string[]): Promise<(StoredDocument | undefined)[]> {
    return Promise.resolve(keys.map((k) => this.#documents.get(k)));
  }

  commit(commit: DocumentCommit): Promise<CommitResult> {
    const { watermark } = commit;
    if (watermark !== undefined) {
      const stored = this.#watermarks.get(watermark.key)?.get(watermark.field);
      if (stored !== undefined && stored >= watermark.offset) return Promise.resolve('replayed');
      if (stored !== undefined && watermark.fromOffset !== undefined && stored >= watermark.fromOffset) {
        return Promise.reject(new WatermarkConflictError(watermark.field, stored));
      }
    }
    const conflict = commit.writes.find((w) => (this.#documents.get(w.key)?.version ?? 0) !== w.expectVersion);
    if (conflict !== undefined) return Promise.reject(new DocumentConflictError(conflict.key));
    for (const w of commit.writes) this.#documents.set(w.key, { version: w.expectVersion + 1, body: w.body });
    for (const e of commit.outbox ?? []) this.#outbox(e.key).set(e.field, { value: e.value, leaseUntil: e.leaseUntil });
    if (watermark !== undefined) {
      const hash = this.#watermarks.get(watermark.key) ?? new Map<string, number>();
      hash.set(watermark.field, watermark.offset);
      this.#watermarks.set(watermark.key, hash);
    }
    return Promise.resolve('applied');
  }

  getWatermark(key: string, field: string): Promise<number | undefined> {
    return Promise.resolve(this.#watermarks.get(key)?.get(field));
  }

  claimOutbox(key: string, options: { readonly now: number; readonly leaseUntil: number; readonly limit: number }): Promise<{ field: string; value: string }[]> {
    const claimed: { field: string; value: string }[] = [];
    for (const [field, entry] of this.#outbox(key)) {
      if (claimed.length >= options.limit) break;
      if (entry.leaseUntil > options.now) continue;
      entry.leaseUntil = options.leaseUntil;
      claimed.push({ field, value: entry.value });
    }
    return Promise.resolve(claimed);
  }

  updateOutboxEntry(key: string, field: string, value: string): Promise<void> {
    const entry = this.#outbox(key).get(field);
    if (entry !== undefined) entry.value = value;
    return Promise.resolve();
  }

  deleteOutboxEntry(key: string, field: string): Promise<void> {
    this.#outbox(key).delete(field);
    return Promise.resolve();
  }

  deleteByPrefix(prefix: string): Promise<number> {
    return Promise.resolve(deleteKeysWithPrefix([this.#documents, this.#watermarks, this.#outboxes] as Map<string, unknown>[], prefix));
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #outbox(key: string): Map<string, { value: string; leaseUntil: number }> {
    let outbox = this.#outboxes.get(key);
    if (outbox === undefined) { outbox = new Map(); this.#outboxes.set(key, outbox); }
    return outbox;
  }
}
