// Fake StateStore with the same atomic watermark semantics (expiry is not modelled).
import { StateLostError, WatermarkConflictError } from './errors.ts';
import { addVector } from './packed-vector.ts';
import type { HashFields, HashIncrement, PackedVector, StateStore, WatermarkedUpdate } from './state-store.ts';
import { deleteKeysWithPrefix } from './delete-keys.ts';

export class InMemoryStateStore implements StateStore {
  readonly #hashes = new Map<string, Map<string, number | PackedVector>>();
  readonly #sortedSets = new Map<string, Map<string, number>>();
  readonly #sets = new Map<string, Set<string>>();

  readonly #strings = new Map<string, string>();

  applyWithWatermark(update: WatermarkedUpdate): Promise<boolean> {
    if (update.guard !== undefined && this.#strings.get(update.guard.key) !== update.guard.value) return Promise.reject(new StateLostError(update.guard.key));
    const stored = this.#hash(update.watermarkKey).get(update.watermarkField);
    const current = typeof stored === 'number' ? stored : undefined;
    if (current !== undefined && current >= update.offset) return Promise.resolve(false);
    if (current !== undefined && update.fromOffset !== undefined && current >= update.fromOffset) return Promise.reject(new WatermarkConflictError(update.watermarkField, current));
    const clash = update.increments.find((inc) => typeof this.#hashes.get(inc.key)?.get(inc.field) === 'object')
      ?? (update.vectors ?? []).find((inc) => typeof this.#hashes.get(inc.key)?.get(inc.field) === 'number');
    if (clash !== undefined) return Promise.reject(new TypeError(`${clash.key} ${clash.field}: a number and a vector cannot be added`));
    for (const inc of update.increments) {
      const hash = this.#hash(inc.key);
      hash.set(inc.field, apply(hash.get(inc.field) as number | undefined, inc));
    }
    for (const inc of update.vectors ?? []) {
      const hash = this.#hash(inc.key);
      hash.set(inc.field, addVector(hash.get(inc.field) as PackedVector | undefined, inc.offset, inc.values));
    }
    for (const entry of update.index ?? []) {
      const set = this.#sortedSets.get(entry.key) ?? new Map<string, number>();
      set.set(entry.member, entry.score);
      this.#sortedSets.set(entry.key, set);
    }
    const wm = this.#hash(update.watermarkKey);
    for (const [field, value] of Object.entries(update.watermarkExtras ?? {})) wm.set(field, value);
    wm.set(update.watermarkField, update.offset);
    return Promise.resolve(true);
  }

  ensureValue(key: string, value: string): Promise<string> {
    if (!this.#strings.has(key)) this.#strings.set(key, value);
    return Promise.resolve(this.#strings.get(key) ?? value);
  }

  /** Forgets everything, as a Redis restart without persistence does (for tests). */
  flushAll(): void {
    for (const map of [this.#hashes, this.#sortedSets, this.#sets, this.#strings] as Map<string, unknown>[]) map.clear();
  }

  getWatermark(watermarkKey: string, watermarkField: string): Promise<number | undefined> {
    const value = this.#hashes.get(watermarkKey)?.get(watermarkField);
    return Promise.resolve(typeof value === 'number' ? value : undefined);
  }

  async getHash(key: string): Promise<Record<string, number>> {
    return (await this.getHashFields(key)).numbers;
  }

  getHashFields(key: string): Promise<HashFields> {
    const fields: HashFields = { numbers: {}, vectors: {} };
    for (const [field, value] of this.#hashes.get(key) ?? []) {
      if (typeof value === 'number') fields.numbers[field] = value;
      else fields.vectors[field] = { offset: value.offset, values: value.values.slice() };
    }
    return Promise.resolve(fields);
  }

  rangeIndex(key: string, min: number, max: number): Promise<string[]> {
    const entries = [...(this.#sortedSets.get(key) ?? [])].filter(([, s]) => s >= min && s <= max);
    entries.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return Promise.resolve(entries.map(([m]) => m));
  }

  admitMember(setKey: string, member: string, cap: number): Promise<boolean> {
    const set = this.#sets.get(setKey) ?? new Set<string>();
    this.#sets.set(setKey, set);
    if (set.has(member)) return Promise.resolve(true);
    if (set.size >= cap) return Promise.resolve(false);
    set.add(member);
    return Promise.resolve(true);
  }

  deleteByPrefix(prefix: string): Promise<number> {
    return Promise.resolve(deleteKeysWithPrefix([this.#hashes, this.#sortedSets, this.#sets, this.#strings] as Map<string, unknown>[], prefix));
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #hash(key: string): Map<string, number | PackedVector> {
    let hash = this.#hashes.get(key);
    if (hash === undefined) { hash = new Map(); this.#hashes.set(key, hash); }
    return hash;
  }
}

function apply(current: number | undefined, inc: HashIncrement): number {
  switch (inc.op ?? 'add') {
    case 'add': return (current ?? 0) + inc.by;
    case 'max': return current === undefined ? inc.by : Math.max(current, inc.by);
    case 'min': return current === undefined ? inc.by : Math.min(current, inc.by);
  }
}
