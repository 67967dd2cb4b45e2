// Fake SubjectIndexStore with the Redis adapter's semantics (TTLs against an injectable clock).
import type { IndexedLocation, SubjectIndexEntry, SubjectIndexStore, SubjectRecords } from './subject-index-store.ts';

interface RequestSlot { subject?: string; locations: Map<string, IndexedLocation>; expiresAt: number }

export class InMemorySubjectIndexStore implements SubjectIndexStore {
  readonly #ttlMs: number;
  readonly #orphanTtlMs: number;
  readonly #now: () => number;
  readonly #subjects = new Map<string, { records: SubjectRecords; expiresAt: number }>();
  readonly #requests = new Map<string, RequestSlot>();
  readonly #marks = new Map<string, number>();

  constructor(options: { ttlMs: number; orphanTtlMs: number; now?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#orphanTtlMs = options.orphanTtlMs;
    this.#now = options.now ?? Date.now;
  }

  record(entries: readonly SubjectIndexEntry[]): Promise<void> {
    const now = this.#now();
    for (const e of entries) {
      let slot = this.#requests.get(e.requestId);
      if (slot !== undefined && slot.expiresAt <= now) slot = undefined;
      slot ??= { locations: new Map(), expiresAt: 0 };
      this.#requests.set(e.requestId, slot);
      if (e.pseudonym !== undefined) slot.subject = e.pseudonym;
      if (e.pseudonym !== undefined || slot.subject === undefined) {
        slot.locations.set(e.role, e.location);
        slot.expiresAt = now + (slot.subject === undefined ? this.#orphanTtlMs : this.#ttlMs);
      }
      if (slot.subject === undefined) continue;
      const subject = this.#live(slot.subject) ?? { records: new Map<string, Map<string, IndexedLocation>>(), expiresAt: 0 };
      subject.expiresAt = now + this.#ttlMs;
      this.#subjects.set(slot.subject, subject);
      const byRole = subject.records.get(e.requestId) ?? new Map<string, IndexedLocation>();
      const copied: ReadonlyMap<string, IndexedLocation> = e.pseudonym === undefined ? new Map([[e.role, e.location]]) : slot.locations;
      for (const [role, location] of copied) byRole.set(role, location);
      subject.records.set(e.requestId, byRole);
    }
    return Promise.resolve();
  }

  lookup(pseudonym: string): Promise<SubjectRecords> {
    const subject = this.#live(pseudonym);
    return Promise.resolve(new Map([...(subject?.records ?? new Map<string, Map<string, IndexedLocation>>())].map(([id, roles]) => [id, new Map(roles)])));
  }

  forget(pseudonym: string, requestIds: readonly string[]): Promise<number> {
    let n = this.#subjects.delete(pseudonym) ? 1 : 0;
    for (const id of requestIds) if (this.#requests.delete(id)) n++;
    return Promise.resolve(n);
  }

  guard(guardIds: readonly string[], ttlMs: number): Promise<void> {
    for (const id of guardIds) this.#marks.set(`g:${id}`, this.#now() + ttlMs);
    return Promise.resolve();
  }

  guarded(guardIds: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(guardIds.filter((id) => this.#marked(`g:${id}`))));
  }

  markHandled(requestId: string, ttlMs: number): Promise<void> {
    this.#marks.set(`h:${requestId}`, this.#now() + ttlMs);
    return Promise.resolve();
  }

  wasHandled(requestId: string): Promise<boolean> {
    return Promise.resolve(this.#marked(`h:${requestId}`));
  }

  /** Every pseudonym and request id the store still holds (for tests). */
  held(): string[] {
    return [...this.#subjects.keys(), ...this.#requests.keys()];
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #live(pseudonym: string): { records: SubjectRecords; expiresAt: number } | undefined {
    const subject = this.#subjects.get(pseudonym);
    return subject !== undefined && subject.expiresAt > this.#now() ? subject : undefined;
  }

  #marked(key: string): boolean {
    return (this.#marks.get(key) ?? 0) > this.#now();
  }
}
