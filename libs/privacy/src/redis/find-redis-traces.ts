// Proof that Redis holds nothing of a subject: scans every key and reports the keys whose name or
// value (strings, hashes, sets, sorted sets, lists) contains any of the needles (e.g. the plain
// subject id, its pseudonym, its request ids) as a whole token (not inside a longer id: `req-7`
// does not match `req-70`). Used by `driftline subject verify` and the erasure tests. A full scan:
// meant for audits, not for hot paths.
import type { Redis } from 'ioredis';
import { createRedisClient } from '@driftline/redis-state';
import type { RedisConnectionOptions } from '@driftline/redis-state';

export interface RedisTrace {
  readonly key: string;
  /** Where a needle was found. */
  readonly in: 'name' | 'value';
  /** Index of the needle that was found. */
  readonly needle: number;
}

export async function findRedisTraces(options: RedisConnectionOptions & { readonly needles: readonly string[]; readonly match?: string }): Promise<RedisTrace[]> {
  const needles = options.needles.filter((n) => n.length > 0);
  if (needles.length === 0) return [];
  const redis = createRedisClient(options);
  try {
    return await scan(redis, needles, options.match ?? '*');
  } finally {
    await redis.quit();
  }
}

async function scan(redis: Redis, needles: readonly string[], match: string): Promise<RedisTrace[]> {
  const traces: RedisTrace[] = [];
  // Needles made of id characters only are looked up among the text's tokens (one pass per text);
  // others are searched for with their boundaries.
  const tokens = new Map<string, number>();
  const others: [string, number][] = [];
  needles.forEach((n, i) => { if (ONLY_ID_CHARS.test(n)) { if (!tokens.has(n)) tokens.set(n, i); } else others.push([n, i]); });
  const found = (text: string): number => {
    for (const token of text.split(NON_ID_CHARS)) {
      const i = tokens.get(token);
      if (i !== undefined) return i;
    }
    return others.find(([n]) => containsToken(text, n))?.[1] ?? -1;
  };
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    const named = new Set<string>();
    for (const key of keys) {
      const i = found(key);
      if (i >= 0) { traces.push({ key, in: 'name', needle: i }); named.add(key); }
    }
    const types = await pipelined(redis, keys.map((k) => ['type', k]));
    const reads = keys.map((key, i): [string, ...string[]] => {
      switch (types[i]) {
        case 'string': return ['get', key];
        case 'hash': return ['hgetall', key];
        case 'set': return ['smembers', key];
        case 'zset': return ['zrange', key, '0', '-1'];
        case 'list': return ['lrange', key, '0', '-1'];
        default: return ['exists', key];
      }
    });
    const values = await pipelined(redis, reads);
    keys.forEach((key, k) => {
      if (named.has(key)) return;
      const i = found(toText(values[k]));
      if (i >= 0) traces.push({ key, in: 'value', needle: i });
    });
  } while (cursor !== '0');
  return traces;
}

async function pipelined(redis: Redis, commands: readonly [string, ...string[]][]): Promise<unknown[]> {
  if (commands.length === 0) return [];
  const replies = (await redis.pipeline(commands.map((c) => [...c])).exec()) ?? [];
  return replies.map(([, value]) => value); // a key deleted meanwhile reads as empty
}

const ID_CHAR = /[A-Za-z0-9_-]/;
const ONLY_ID_CHARS = /^[A-Za-z0-9_-]+$/;
const NON_ID_CHARS = /[^A-Za-z0-9_-]+/;

/** Whether `needle` occurs in `text` with no id character right before or after it. */
export function containsToken(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = at === 0 ? '' : text.charAt(at - 1);
    const after = text.charAt(at + needle.length);
    if (!ID_CHAR.test(before) && !ID_CHAR.test(after)) return true;
  }
  return false;
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toText).join('\n');
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([k, v]) => `${k}\n${toText(v)}`).join('\n');
  return '';
}
