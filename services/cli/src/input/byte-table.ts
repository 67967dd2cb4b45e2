// A hash table from byte strings (CSV cells, still in the read buffer) to small ids, so a
// categorical cell is looked up without decoding it to a string. Open addressing, FNV-1a hashes,
// keys copied into one growing byte arena.

export interface ByteTable {
  /** entry + 1 per slot, 0 when empty; the length is a power of two. */
  slots: Int32Array;
  ids: Int32Array;
  starts: Int32Array;
  lengths: Int32Array;
  hashes: Int32Array;
  arena: Uint8Array;
  used: number;
  size: number;
}

export function createByteTable(): ByteTable {
  return {
    slots: new Int32Array(64), ids: new Int32Array(32), starts: new Int32Array(32), lengths: new Int32Array(32), hashes: new Int32Array(32),
    arena: new Uint8Array(1024), used: 0, size: 0,
  };
}

const fnvOffset = 0x811c9dc5;
const fnvPrime = 0x01000193;

/** FNV-1a (32-bit) of `bytes[start, end)`. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = fnvOffset;
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ (bytes[i] ?? 0), fnvPrime);
  return h;
}

/**
 * Scans a CSV cell from `start` to the next comma (or `limit`), returns where it ends and sets
 * `out[slot]` to its {@link hashBytes} hash (one read of the bytes for both).
 */
export function scanHashed(bytes: Uint8Array, start: number, limit: number, out: Int32Array, slot: number): number {
  let h = fnvOffset;
  let i = start;
  for (; i < limit; i += 1) {
    const b = bytes[i] ?? 0;
    if (b === 44 /* , */) break;
    h = Math.imul(h ^ b, fnvPrime);
  }
  out[slot] = h;
  return i;
}

function sameBytes(table: ByteTable, entry: number, bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (table.lengths[entry] !== length) return false;
  const at = table.starts[entry] ?? 0;
  const arena = table.arena;
  for (let i = 0; i < length; i += 1) if (arena[at + i] !== bytes[start + i]) return false;
  return true;
}

/** The id stored for `bytes[start, end)` (whose hash is `hash`), or -1. */
export function findBytes(table: ByteTable, bytes: Uint8Array, start: number, end: number, hash: number): number {
  const mask = table.slots.length - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = (table.slots[slot] ?? 0) - 1;
    if (entry < 0) return -1;
    if (table.hashes[entry] === hash && sameBytes(table, entry, bytes, start, end)) return table.ids[entry] ?? -1;
  }
}

function grown<T extends Int32Array | Uint8Array>(array: T, length: number, make: (n: number) => T): T {
  if (array.length >= length) return array;
  const out = make(Math.max(length, 2 * array.length));
  out.set(array);
  return out;
}

function rehash(table: ByteTable): void {
  const slots = new Int32Array(table.slots.length * 2);
  const mask = slots.length - 1;
  for (let entry = 0; entry < table.size; entry += 1) {
    let slot = (table.hashes[entry] ?? 0) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = entry + 1;
  }
  table.slots = slots;
}

/** Stores `id` for `bytes[start, end)` (not already present; `hash` from {@link hashBytes}). */
export function addBytes(table: ByteTable, bytes: Uint8Array, start: number, end: number, hash: number, id: number): void {
  const entry = table.size;
  const length = end - start;
  const int32 = (n: number): Int32Array => new Int32Array(n);
  table.ids = grown(table.ids, entry + 1, int32);
  table.starts = grown(table.starts, entry + 1, int32);
  table.lengths = grown(table.lengths, entry + 1, int32);
  table.hashes = grown(table.hashes, entry + 1, int32);
  table.arena = grown(table.arena, table.used + length, (n) => new Uint8Array(n));
  table.arena.set(bytes.subarray(start, end), table.used);
  table.ids[entry] = id;
  table.starts[entry] = table.used;
  table.lengths[entry] = length;
  table.hashes[entry] = hash;
  table.used += length;
  table.size += 1;
  if (2 * table.size > table.slots.length) rehash(table);
  else {
    const mask = table.slots.length - 1;
    let slot = hash & mask;
    while (table.slots[slot] !== 0) slot = (slot + 1) & mask;
    table.slots[slot] = entry + 1;
  }
}
