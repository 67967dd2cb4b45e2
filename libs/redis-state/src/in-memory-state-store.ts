// Fake StateStore with the same atomic watermark semantics (TTL is not modelled).
import type { StateStore, WatermarkedUpdate } from './state-store.ts';

export class InMemoryStateStore implements StateStore {
  readonly #hashes = new Map<string, Map<string, number>>();

  applyWithWatermark(update: WatermarkedUpdate): Promise<boolean> {
    const current = this.#hash(update.watermarkKey).get(update.watermarkField);
    if (current !== undefined && current >= update.offset) return Promise.resolve(false);
    for (const inc of update.increments) {
      const hash = this.#hash(inc.key);
      hash.set(inc.field, (hash.get(inc.field) ?? 0) + inc.by);
    }
    this.#hash(update.watermarkKey).set(update.watermarkField, update.offset);
    return Promise.resolve(true);
  }

  getWatermark(watermarkKey: string, watermarkField: string): Promise<number | undefined> {
    return Promise.resolve(this.#hashes.get(watermarkKey)?.get(watermarkField));
  }

  getHash(key: string): Promise<Record<string, number>> {
    return Promise.resolve(Object.fromEntries(this.#hashes.get(key) ?? []));
  }

  deleteByPrefix(prefix: string): Promise<number> {
    const keys = [...this.#hashes.keys()].filter((k) => k.startsWith(prefix));
    for (const k of keys) this.#hashes.delete(k);
    return Promise.resolve(keys.length);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #hash(key: string): Map<string, number> {
    let hash = this.#hashes.get(key);
    if (hash === undefined) { hash = new Map(); this.#hashes.set(key, hash); }
    return hash;
  }
}
