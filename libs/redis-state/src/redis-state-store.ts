// Adapter: StateStore on Redis 7 (ioredis). The watermark check and the increments run in one Lua
// script, so a replay after a crash is a no-op. AUTH from options or the URL; TLS with rediss://.
import type { Redis } from 'ioredis';
import { createRedisClient } from './redis-client.ts';
import type { RedisConnectionOptions } from './redis-client.ts';
import { StateLostError, WatermarkConflictError } from './errors.ts';
import { scanDelete } from './scan-delete.ts';
import { addVector, fromPackedVector, isPackedVector, toPackedVector } from './packed-vector.ts';
import type { HashFields, StateStore, WatermarkedUpdate } from './state-store.ts';

/** Updates whose vector deltas a hash holds as pending fields before the script adds them into their bases. */
const PENDING_LIMIT = 8;

// KEYS[1] = watermark hash, KEYS[2..] = target keys (hashes, sorted sets). ARGV[1] = the update
// as JSON (key references are indices into KEYS): { wf: watermark field, off: offset, from: first
// offset or -1, ttl, gk: guard key index or 0, gv: guard value, ops: [[key, 'a'|'x'|'n'|'v', field,
// value]], idx: [[key, score, member]], ext: [[field, value]], exp: [[key, epoch seconds]] }.
// ARGV[2..] = packed vectors (MessagePack arrays [offset, values...], ./packed-vector.ts); a 'v'
// op's value is the ARGV index of its vector.
// Vectors are not merged on every update: a vector's first delta becomes its base field, later ones
// are stored beside it as pending fields `<field>\0<seq>`, and when a hash would hold the pending
// fields of PENDING_LIMIT updates the script adds them all into their bases (so a stored vector is
// decoded and re-encoded once per PENDING_LIMIT updates, not on each). Readers add the pending
// fields (getHashFields).
// Phase 1 reads (HMGET per hash, HGETALL of a hash to compact) and computes every value to write:
// sums, min / max, merged vectors; phase 2 only writes. So a bad value (a vector where a number is
// expected, a malformed vector) raises before any write. Numbers are written with 17 significant
// digits so they round-trip exactly; vectors stay binary.
// Returns 1 applied, 0 already applied, -1 guard failed, {stored watermark} on an overlap.
const APPLY_WITH_WATERMARK = `
local p = cjson.decode(ARGV[1])
if p.gk > 0 and redis.call('GET', KEYS[p.gk]) ~= p.gv then return -1 end
local wm = redis.call('HGET', KEYS[1], p.wf)
if wm and tonumber(wm) >= p.off then return 0 end
if wm and p.from >= 0 and tonumber(wm) >= p.from then return {tonumber(wm)} end

local PENDING_LIMIT = ${PENDING_LIMIT}
local BLOCK = 4000
local NUL = string.char(0)
local SEQ, PENDING = NUL .. 'seq', NUL .. 'pending'
local function isVector(s)
  local b = type(s) == 'string' and string.byte(s, 1)
  return b and ((b >= 144 and b <= 159) or b == 220 or b == 221)
end
local function decode(s)
  if not isVector(s) then error('applyWithWatermark: not a packed vector') end
  return cmsgpack.unpack(s)
end
-- c + d element-wise over the union of their ranges (decoded: [offset, values...]); may reuse c.
local function add(c, d)
  local co, cn, d0, dn = c[1], #c - 1, d[1], #d - 1
  local lo, hi = math.min(co, d0), math.max(co + cn, d0 + dn)
  local t = c
  if lo ~= co or hi ~= co + cn then
    t = {lo}
    for i = 2, hi - lo + 1 do t[i] = 0 end
    for i = 2, cn + 1 do t[co - lo + i] = c[i] end
  end
  local shift = d0 - lo
  for i = 2, dn + 1 do t[shift + i] = t[shift + i] + d[i] end
  return t
end
-- New bases of a hash with its pending fields and 'appended' added; the pending fields to delete.
local function compact(key, appended)
  local flat = redis.call('HGETALL', key)
  local values, sums, dead = {}, {}, {}
  for j = 1, #flat, 2 do values[flat[j]] = flat[j + 1] end
  local function addTo(base, blob)
    local t = sums[base]
    if not t and values[base] then t = decode(values[base]) end
    sums[base] = t and add(t, decode(blob)) or decode(blob)
  end
  for field, v in pairs(values) do
    local cut = string.find(field, NUL, 1, true)
    if cut and cut > 1 then addTo(string.sub(field, 1, cut - 1), v); dead[#dead + 1] = field end
  end
  for _, a in ipairs(appended) do addTo(a[1], a[2]) end
  return sums, dead
end

local byKey, order = {}, {}
for _, op in ipairs(p.ops) do
  local e = byKey[op[1]]
  if not e then e = {fields = {PENDING}, seen = {}, ops = {}}; byKey[op[1]] = e; order[#order + 1] = op[1] end
  if not e.seen[op[3]] then e.seen[op[3]] = true; e.fields[#e.fields + 1] = op[3] end
  e.ops[#e.ops + 1] = op
end
local writes = {}
for _, k in ipairs(order) do
  local e = byKey[k]
  local raw = {}
  for j = 1, #e.fields, BLOCK do
    local last = math.min(j + BLOCK - 1, #e.fields)
    local got = redis.call('HMGET', KEYS[k], unpack(e.fields, j, last))
    for i = 1, last - j + 1 do raw[e.fields[j + i - 1]] = got[i] end
  end
  local cur, changed, appended, dead = {}, {}, {}, nil
  for _, op in ipairs(e.ops) do
    local kind, field, v = op[2], op[3], op[4]
    local c = cur[field]
    if c == nil and raw[field] then
      c = raw[field]
      if kind ~= 'v' then
        c = tonumber(c)
        if c == nil then error('applyWithWatermark: ' .. field .. ' is not a number') end
      end
    end
    if kind == 'v' then
      local delta = ARGV[v]
      if not isVector(delta) then error('applyWithWatermark: not a packed vector') end
      if c ~= nil and not isVector(c) then error('applyWithWatermark: ' .. field .. ' is a number') end
      if c == nil then cur[field] = delta; changed[field] = true
      elseif changed[field] then cur[field] = cmsgpack.pack(add(decode(c), decode(delta)))
      else appended[#appended + 1] = {field, delta} end
    elseif type(c) == 'string' then error('applyWithWatermark: ' .. field .. ' is a vector')
    elseif kind == 'a' then cur[field] = (c or 0) + v; changed[field] = true
    elseif (kind == 'x' and (c == nil or v > c)) or (kind == 'n' and (c == nil or v < c)) then cur[field] = v; changed[field] = true
    else cur[field] = c end
  end
  if #appended > 0 and (tonumber(raw[PENDING]) or 0) + 1 >= PENDING_LIMIT then
    local sums
    sums, dead = compact(KEYS[k], appended)
    for base, t in pairs(sums) do cur[base] = cmsgpack.pack(t); changed[base] = true end
    appended = {}
  end
  local args = {}
  for field in pairs(changed) do
    local v = cur[field]
    args[#args + 1] = field
    args[#args + 1] = type(v) == 'string' and v or string.format('%.17g', v)
  end
  writes[#writes + 1] = {KEYS[k], args, appended, dead}
end

for _, w in ipairs(writes) do
  local key, args, appended, dead = w[1], w[2], w[3], w[4]
  for j = 1, #args, 1000 do redis.call('HSET', key, unpack(args, j, math.min(j + 999, #args))) end
  if dead then
    for j = 1, #dead, BLOCK do redis.call('HDEL', key, unpack(dead, j, math.min(j + BLOCK - 1, #dead))) end
    redis.call('HSET', key, PENDING, 0)
  end
  if #appended > 0 then
    local seq = redis.call('HINCRBY', key, SEQ, #appended) - #appended
    local pending = {}
    for i, a in ipairs(appended) do
      pending[#pending + 1] = a[1] .. NUL .. (seq + i)
      pending[#pending + 1] = a[2]
    end
    for j = 1, #pending, 1000 do redis.call('HSET', key, unpack(pending, j, math.min(j + 999, #pending))) end
    redis.call('HINCRBY', key, PENDING, 1)
  end
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
    const vectors: Buffer[] = [];
    const payload = {
      wf: update.watermarkField,
      off: update.offset,
      from: update.fromOffset ?? -1,
      ttl: update.ttlSeconds ?? 0,
      ops: [
        ...update.increments.map((inc) => [position(inc.key), OP_CODES[inc.op ?? 'add'], inc.field, inc.by]),
        ...(update.vectors ?? []).map((inc) => { vectors.push(toPackedVector(inc.offset, inc.values)); return [position(inc.key), 'v', inc.field, vectors.length + 1]; }),
      ],
      idx: (update.index ?? []).map((e) => [position(e.key), e.score, e.member]),
      ext: Object.entries(update.watermarkExtras ?? {}),
      exp: Object.entries(update.expireAt ?? {}).map(([key, at]) => [position(key), Math.ceil(at)]),
      gk: update.guard === undefined ? 0 : position(update.guard.key),
      gv: update.guard?.value ?? '',
    };
    const result = await this.#command('dlApplyWithWatermark')(keys.length, ...keys, JSON.stringify(payload), ...vectors) as unknown;
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

  #command(name: string): (...args: (string | number | Buffer)[]) => Promise<number> {
    const fn = (this.#redis as unknown as Record<string, ((...a: (string | number | Buffer)[]) => Promise<number>) | undefined>)[name];
    if (fn === undefined) throw new Error(`Lua command ${name} is not defined`);
    return (...args) => fn.apply(this.#redis, args);
  }

  async getWatermark(watermarkKey: string, watermarkField: string): Promise<number | undefined> {
    const value = await this.#redis.hget(watermarkKey, watermarkField);
    return value === null ? undefined : Number(value);
  }

  async getHash(key: string): Promise<Record<string, number>> {
    return (await this.getHashFields(key)).numbers;
  }

  async getHashFields(key: string): Promise<HashFields> {
    const fields: HashFields = { numbers: {}, vectors: {} };
    const pending: [string, Buffer][] = [];
    for (const [field, value] of Object.entries(await this.#redis.hgetallBuffer(key))) {
      const cut = field.indexOf('\u0000');
      if (cut === 0) continue; // the script's bookkeeping
      if (cut > 0) pending.push([field.slice(0, cut), value]);
      else if (isPackedVector(value)) fields.vectors[field] = fromPackedVector(value);
      else fields.numbers[field] = Number(value.toString());
    }
    for (const [field, value] of pending) {
      const delta = fromPackedVector(value);
      fields.vectors[field] = addVector(fields.vectors[field], delta.offset, delta.values);
    }
    return fields;
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
