// Adapter: StateStore on Redis 7 (ioredis). The watermark check and the increments run in one Lua
// script, so a replay after a crash is a no-op. AUTH from options or the URL; TLS with rediss://.
import type { Redis } from 'ioredis';
import { createRedisClient } from './redis-client.ts';
import type { RedisConnectionOptions } from './redis-client.ts';
import { StateLostError, WatermarkConflictError } from './errors.ts';
import { scanDelete } from './scan-delete.ts';
import type { StateStore, WatermarkedUpdate } from './state-store.ts';

// KEYS[1] = watermark hash, KEYS[2..] = target keys (hashes, sorted sets). ARGV[1] = the update
// as JSON (key references are indices into KEYS): { wf: watermark field, off: offset, from: first
// offset or -1, ttl, gk: guard key index or 0, gv: guard value, ops: [[key, 'a'|'x'|'n', field,
// value]], idx: [[key, score, member]], ext: [[field, value]], exp: [[key, epoch seconds]] }.
// The ops of a hash are applied in Lua on its current values (one HGETALL and batched HSETs per
// hash), doubles written with 17 significant digits so they round-trip exactly.
// Returns 1 applied, 0 already applied, -1 guard failed, {stored watermark} on an overlap.
const APPLY_WITH_WATERMARK = `
local p = cjson.decode(ARGV[1])
if p.gk > 0 and redis.call('GET', KEYS[p.gk]) ~= p.gv then return -1 end
local wm = redis.call('HGET', KEYS[1], p.wf)
if wm and tonumber(wm) >= p.off then return 0 end
if wm and p.from >= 0 and tonumber(wm) >= p.from then return {tonumber(wm)} end
local byKey = {}
for _, op in ipairs(p.ops) do
  local list = byKey[op[1]]
  if not list then list = {}; byKey[op[1]] = list end
  list[#list + 1] = op
end
for k, ops in pairs(byKey) do
  local key = KEYS[k]
  local cur = {}
  local flat = redis.call('HGETALL', key)
  for j = 1, #flat, 2 do cur[flat[j]] = tonumber(flat[j + 1]) end
  local changed = {}
  for _, op in ipairs(ops) do
    local kind, field, v = op[2], op[3], op[4]
    local c = cur[field]
    if kind == 'a' then cur[field] = (c or 0) + v; changed[field] = true
    elseif (kind == 'x' and (c == nil or v > c)) or (kind == 'n' and (c == nil or v < c)) then cur[field] = v; changed[field] = true end
  end
  local args = {}
  for field in pairs(changed) do
    args[#args + 1] = field
    args[#args + 1] = string.format('%.17g', cur[field])
  end
  for j = 1, #args, 1000 do redis.call('HSET', key, unpack(args, j, math.min(j + 999, #args))) end
end
for _, e in ipairs(p.idx) do redis.call('ZADD', KEYS[e[1]], e[2], e[3]) end
for _, e in ipairs(p.ext) do redis.call('HSET', KEYS[1], e[1], string.format('%.17g', e[2])) end
local explicit = {}
for _, e in ipairs(p.exp) do
  redis.call('EXPIREAT', KEYS[e[1]], e[2])
  explicit[e[1]] = true
end
if p.gk > 0 then explicit[p.gk] = true end
if p.ttl > 0 then
  for k = 2, #KEYS do
    if not explicit[k] then redis.call('EXPIRE', KEYS[k], p.ttl) end
  end
end
redis.call('HSET', KEYS[1], p.wf, p.off)
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

export type RedisStateStoreOptions = RedisConnectionOptions;

export class RedisStateStore implements StateStore {
  readonly #redis: Redis;

  constructor(options: RedisStateStoreOptions) {
    this.#redis = createRedisClient(options);
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
    const payload = {
      wf: update.watermarkField,
      off: update.offset,
      from: update.fromOffset ?? -1,
      ttl: update.ttlSeconds ?? 0,
      ops: update.increments.map((inc) => [position(inc.key), OP_CODES[inc.op ?? 'add'], inc.field, inc.by]),
      idx: (update.index ?? []).map((e) => [position(e.key), e.score, e.member]),
      ext: Object.entries(update.watermarkExtras ?? {}),
      exp: Object.entries(update.expireAt ?? {}).map(([key, at]) => [position(key), Math.ceil(at)]),
      gk: update.guard === undefined ? 0 : position(update.guard.key),
      gv: update.guard?.value ?? '',
    };
    const result = await this.#command('dlApplyWithWatermark')(keys.length, ...keys, JSON.stringify(payload)) as unknown;
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

  deleteByPrefix(prefix: string): Promise<number> {
    return scanDelete(this.#redis, prefix);
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }
}
