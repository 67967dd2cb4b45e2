// Adapter: StateStore on Redis 7 (ioredis). The watermark check and the increments run in one Lua
// script, so a replay after a crash is a no-op. AUTH from options or the URL; TLS with rediss://.
import { Redis } from 'ioredis';
import { StateLostError, WatermarkConflictError } from './errors.ts';
import type { StateStore, WatermarkedUpdate } from './state-store.ts';

// KEYS[1] = watermark hash, KEYS[2..] = target keys (hashes, sorted sets).
// ARGV[1] = watermark field, ARGV[2] = offset, ARGV[3] = default ttl seconds,
// ARGV[4] = number of ops, then per op: key index, kind ('a' add, 'x' max, 'n' min), field, value;
// then the number of index entries, then per entry: key index, score, member;
// then the number of watermark extras, then per extra: field, value;
// then per-key expiry pairs: key index, epoch seconds; the last three ARGV are the first offset of
// the update ('' when not given), the guard value and the guard key's index (0: no guard).
// Returns 1 applied, 0 already applied, -1 guard failed, {stored watermark} on an overlap.
const APPLY_WITH_WATERMARK = `
local nguard = tonumber(ARGV[#ARGV])
if nguard > 0 then
  if redis.call('GET', KEYS[nguard]) ~= ARGV[#ARGV - 1] then return -1 end
end
local wm = redis.call('HGET', KEYS[1], ARGV[1])
if wm and tonumber(wm) >= tonumber(ARGV[2]) then return 0 end
if wm and ARGV[#ARGV - 2] ~= '' and tonumber(wm) >= tonumber(ARGV[#ARGV - 2]) then return {tonumber(wm)} end
local ttl = tonumber(ARGV[3])
local i = 5
for _ = 1, tonumber(ARGV[4]) do
  local key = KEYS[tonumber(ARGV[i])]
  local kind, field, value = ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if kind == 'a' then
    redis.call('HINCRBYFLOAT', key, field, value)
  else
    local cur = redis.call('HGET', key, field)
    if (not cur) or (kind == 'x' and tonumber(value) > tonumber(cur)) or (kind == 'n' and tonumber(value) < tonumber(cur)) then
      redis.call('HSET', key, field, value)
    end
  end
  i = i + 4
end
local nindex = tonumber(ARGV[i]); i = i + 1
for _ = 1, nindex do
  redis.call('ZADD', KEYS[tonumber(ARGV[i])], ARGV[i + 1], ARGV[i + 2])
  i = i + 3
end
local nextras = tonumber(ARGV[i]); i = i + 1
for _ = 1, nextras do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  i = i + 2
end
local explicit = {}
while i <= #ARGV - 3 do
  redis.call('EXPIREAT', KEYS[tonumber(ARGV[i])], ARGV[i + 1])
  explicit[tonumber(ARGV[i])] = true
  i = i + 2
end
if nguard > 0 then explicit[nguard] = true end
if ttl > 0 then
  for k = 2, #KEYS do
    if not explicit[k] then redis.call('EXPIRE', KEYS[k], ttl) end
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

// KEYS[1] = set; ARGV[1] = member, ARGV[2] = cap.
const ADMIT_MEMBER = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
return 1
`;

const OP_CODES = { add: 'a', max: 'x', min: 'n' } as const;

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
    this.#redis.defineCommand('dlAdmitMember', { lua: ADMIT_MEMBER, numberOfKeys: 1 });
  }

  async applyWithWatermark(update: WatermarkedUpdate): Promise<boolean> {
    const keys = [update.watermarkKey];
    const positions = new Map<string, number>();
    const position = (key: string): number => {
      let i = positions.get(key);
      if (i === undefined) { keys.push(key); i = keys.length; positions.set(key, i); }
      return i;
    };
    const ops: (string | number)[] = [];
    for (const inc of update.increments) ops.push(position(inc.key), OP_CODES[inc.op ?? 'add'], inc.field, inc.by);
    const index: (string | number)[] = [];
    for (const entry of update.index ?? []) index.push(position(entry.key), entry.score, entry.member);
    const extras = Object.entries(update.watermarkExtras ?? {});
    const expiry: (string | number)[] = [];
    for (const [key, at] of Object.entries(update.expireAt ?? {})) expiry.push(position(key), Math.ceil(at));
    const guard = update.guard === undefined ? ['', 0] : [update.guard.value, position(update.guard.key)];
    const args = [update.watermarkField, update.offset, update.ttlSeconds ?? 0, update.increments.length, ...ops, (update.index ?? []).length, ...index, extras.length, ...extras.flat(), ...expiry, update.fromOffset ?? '', ...guard];
    const result = await this.#command('dlApplyWithWatermark')(keys.length, ...keys, ...args) as unknown;
    if (Array.isArray(result)) throw new WatermarkConflictError(update.watermarkField, Number(result[0]));
    if (result === -1 && update.guard !== undefined) throw new StateLostError(update.guard.key);
    return result === 1;
  }

  async ensureValue(key: string, value: string): Promise<string> {
    await this.#redis.set(key, value, 'NX');
    return (await this.#redis.get(key)) ?? value;
  }

  async rangeIndex(key: string, min: number, max: number): Promise<string[]> {
    return this.#redis.zrangebyscore(key, min, max);
  }

  async admitMember(setKey: string, member: string, cap: number): Promise<boolean> {
    return (await this.#command('dlAdmitMember')(setKey, member, cap)) === 1;
  }

  #command(name: string): (...args: (string | number)[]) => Promise<number> {
    const fn = (this.#redis as unknown as Record<string, ((...a: (string | number)[]) => Promise<number>) | undefined>)[name];
    if (fn === undefined) throw new Error(`Lua command ${name} is not defined`);
    return (...args) => fn.apply(this.#redis, args);
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
