// Deletes every key under a prefix with SCAN + UNLINK (never KEYS): shared by the Redis adapters.
import type { Redis } from 'ioredis';

/** Deletes the keys starting with `prefix` (glob characters in it are matched literally); returns how many. */
export async function scanDelete(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
