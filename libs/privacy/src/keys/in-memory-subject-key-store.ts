// Fake: the SubjectKeyStore in a Map, for unit tests and the in-process app tests.
import { createDataKey } from '../crypto/envelope.ts';
import type { SubjectKeyStore } from './subject-key-store.ts';

export class InMemorySubjectKeyStore implements SubjectKeyStore {
  readonly #keys = new Map<string, Buffer>();

  obtain(pseudonyms: readonly string[]): Promise<Map<string, Buffer>> {
    for (const p of pseudonyms) if (!this.#keys.has(p)) this.#keys.set(p, createDataKey());
    return this.find(pseudonyms);
  }

  find(pseudonyms: readonly string[]): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    for (const p of pseudonyms) {
      const key = this.#keys.get(p);
      if (key !== undefined) out.set(p, key);
    }
    return Promise.resolve(out);
  }

  shred(pseudonyms: readonly string[]): Promise<number> {
    let n = 0;
    for (const p of new Set(pseudonyms)) if (this.#keys.delete(p)) n++;
    return Promise.resolve(n);
  }

  /** Pseudonyms that hold a key (for tests). */
  pseudonyms(): string[] {
    return [...this.#keys.keys()];
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
