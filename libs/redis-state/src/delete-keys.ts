// Deletes the keys under a prefix from the maps of an in-memory fake (what SCAN + UNLINK do in Redis).

/** Removes every key starting with `prefix` from each map; returns how many were removed. */
export function deleteKeysWithPrefix(maps: readonly Map<string, unknown>[], prefix: string): number {
  let deleted = 0;
  for (const map of maps) {
    for (const key of [...map.keys()].filter((k) => k.startsWith(prefix))) { map.delete(key); deleted++; }
  }
  return deleted;
}
