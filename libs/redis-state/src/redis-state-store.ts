// Adapter: StateStore on Redis 7 (ioredis). The watermark check and the increments run in one Lua
// script, so a replay after a crash is a no-op. AUTH from options or the URL; TLS with rediss://.
import { Redis } from 'ioredis';
import type { StateStore, WatermarkedUpdate } from './state-store.ts';

// KEYS[1] = watermark hash, KEYS[2..] = target hashes.
// ARGV[1] = watermark field, ARGV[2] = offset, ARGV[3] = ttl seconds, then (key index, field, amount) triples.
const APPLY_WITH_WATERMARK = `
local wm = redis.call('HGET', KEYS[1], ARGV[1])
if wm and tonumber(wm) >= tonumber(ARGV[2]) then return 0 end
local ttl = tonumber(ARGV[3])
for i = 4, #ARGV, 3 do
  local key = KEYS[tonumber(ARGV[i])]
  redis.call('HINCRBYFLOAT', key, ARGV[i + 1], ARGV[i + 2])
  if ttl > 0 then redis.call('EXPIRE', key, ttl) end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

export interface RedisStateStoreOptions {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
}

export class RedisStateStore implements StateStore {
  readonly #redis: Redis;

  constructor(options: RedisStateStoreOptions) {
    this.#redis = new Redis(options.url, {
      ...(options.username === undefined ? {} : { username: options.username }),
      ...(options.password === undefined ? {} : { password: options.password }),
      maxRetriesPerRequest: 3,
      lazyConnect: false,
    });
    this.#redis.defineCommand('dlApplyWithWatermark', { lua: APPLY_WITH_WATERMARK });
  }

  async applyWithWatermark(update: WatermarkedUpdate): Promise<boolean> {
    const keys = [update.watermarkKey];
    const index = new Map<string, number>();
    const args: (string | number)[] = [update.watermarkField, update.offset, update.ttlSeconds ?? 0];
    for (const inc of update.increments) {
      let i = index.get(inc.key);
      if (i === undefined) { keys.push(inc.key); i = keys.length; index.set(inc.key, i); }
      args.push(i, inc.field, inc.by);
    }
    const run = (this.#redis as unknown as Record<string, (n: number, ...a: (string | number)[]) => Promise<number>>)['dlApplyWithWatermark'];
    if (run === undefined) throw new Error('Lua command dlApplyWithWatermark is not defined');
    return (await run.call(this.#redis, keys.length, ...keys, ...args)) === 1;
  }

  async getWatermark(watermarkKey: string, watermarkField: string): Promise<number | undefined> {
    const value = await this.#redis.hget(watermarkKey, watermarkField);
    return value === null ? undefined : Number(value);
  }

  async getHash(key: string): Promise<Record<string, number>> {
    const raw = await this.#redis.hgetall(key);
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await this.#redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
