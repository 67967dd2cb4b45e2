// Adapter: StateStore on Redis 7 (ioredis). The watermark check and the increments run in one Lua
// script, so a replay after a crash is a no-op. AUTH from options or the URL; TLS with rediss://.
import { endianness } from 'node:os';
import type { Redis } from 'ioredis';
import { createRedisClient } from './redis-client.ts';
import type { RedisConnectionOptions } from './redis-client.ts';
import { StateLostError, WatermarkConflictError } from './errors.ts';
import { scanDelete } from './scan-delete.ts';
import type { HashFields, PackedVector, StateStore, WatermarkedUpdate } from './state-store.ts';

// KEYS[1] = watermark hash, KEYS[2..] = target keys (hashes, sorted sets). ARGV[1] = the update
// as JSON (key references are indices into KEYS): { wf: watermark field, off: offset, from: first
// offset or -1, ttl, gk: guard key index or 0, gv: guard value, ops: [[key, 'a'|'x'|'n'|'v', field,
// value]], idx: [[key, score, member]], ext: [[field, value]], exp: [[key, epoch seconds]] }.
// ARGV[2..] = packed vectors: 'v', then little-endian doubles: offset, values...; a 'v' op's value
// is the ARGV index of its vector.
// Phase 1 reads the touched fields (HMGET per hash) and computes every new value in Lua: sums,
// min / max, and vectors added element-wise over the union of their ranges. Phase 2 writes. So a
// bad value (a vector where a number is expected, a malformed vector) raises before any write.
// Numbers are written with 17 significant digits so they round-trip exactly; vectors stay binary.
// Returns 1 applied, 0 already applied, -1 guard failed, {stored watermark} on an overlap.
const APPLY_WITH_WATERMARK = `
local p = cjson.decode(ARGV[1])
if p.gk > 0 and redis.call('GET', KEYS[p.gk]) ~= p.gv then return -1 end
local wm = redis.call('HGET', KEYS[1], p.wf)
if wm and tonumber(wm) >= p.off then return 0 end
if wm and p.from >= 0 and tonumber(wm) >= p.from then return {tonumber(wm)} end

local BLOCK = 4000
local fmts = {}
local function fmt(n)
  local f = fmts[n]
  if not f then f = '<' .. string.rep('d', n); fmts[n] = f end
  return f
end
local function check(s)
  if type(s) ~= 'string' or #s < 9 or (#s - 9) % 8 ~= 0 or string.byte(s, 1) ~= 118 then error('DL_STATE: not a packed vector') end
end
local function decode(s)
  check(s)
  local n = (#s - 9) / 8
  local t = {}
  local pos = 10
  for i = 0, n - 1, BLOCK do
    local m = math.min(BLOCK, n - i)
    local part = {struct.unpack(fmt(m), s, pos)}
    pos = part[m + 1]
    for j = 1, m do t[i + j] = part[j] end
  end
  return struct.unpack('<d', s, 2), t, n
end
local function encode(off, t, n)
  local parts = {'v', struct.pack('<d', off)}
  for i = 0, n - 1, BLOCK do parts[#parts + 1] = struct.pack(fmt(math.min(BLOCK, n - i)), unpack(t, i + 1, math.min(i + BLOCK, n))) end
  return table.concat(parts)
end
local function addVector(cur, delta)
  check(delta)
  if cur == nil then return delta end
  local co, ct, cn = decode(cur)
  local d0, dt, dn = decode(delta)
  local lo = math.min(co, d0)
  local hi = math.max(co + cn, d0 + dn)
  local t = ct
  if lo ~= co or hi ~= co + cn then
    t = {}
    for i = 1, hi - lo do t[i] = 0 end
    for i = 1, cn do t[co - lo + i] = ct[i] end
  end
  local shift = d0 - lo
  for i = 1, dn do t[shift + i] = t[shift + i] + dt[i] end
  return encode(lo, t, hi - lo)
end

local byKey, order = {}, {}
for _, op in ipairs(p.ops) do
  local e = byKey[op[1]]
  if not e then e = {fields = {}, seen = {}, ops = {}}; byKey[op[1]] = e; order[#order + 1] = op[1] end
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
  local cur, changed = {}, {}
  for _, op in ipairs(e.ops) do
    local kind, field, v = op[2], op[3], op[4]
    local c = cur[field]
    if c == nil and raw[field] then
      c = raw[field]
      if kind ~= 'v' then
        c = tonumber(c)
        if c == nil then error('DL_STATE: ' .. field .. ' is not a number') end
      end
    end
    if kind == 'v' then cur[field] = addVector(c, ARGV[v]); changed[field] = true
    elseif type(c) == 'string' then error('DL_STATE: ' .. field .. ' is a vector')
    elseif kind == 'a' then cur[field] = (c or 0) + v; changed[field] = true
    elseif (kind == 'x' and (c == nil or v > c)) or (kind == 'n' and (c == nil or v < c)) then cur[field] = v; changed[field] = true
    else cur[field] = c end
  end
  local args = {}
  for field in pairs(changed) do
    local v = cur[field]
    args[#args + 1] = field
    args[#args + 1] = type(v) == 'string' and v or string.format('%.17g', v)
  end
  writes[#writes + 1] = {KEYS[k], args}
end
for _, w in ipairs(writes) do
  local args = w[2]
  for j = 1, #args, 1000 do redis.call('HSET', w[1], unpack(args, j, math.min(j + 999, #args))) end
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

/** First byte of a packed vector ('v'); numbers are stored as text and never start with it. */
const VECTOR_TAG = 0x76;
const littleEndian = endianness() === 'LE';

/** 'v', then little-endian doubles: offset, values. */
function toPackedVector(offset: number, values: ArrayLike<number>): Buffer {
  const buf = Buffer.allocUnsafe(9 + 8 * values.length);
  buf[0] = VECTOR_TAG;
  buf.writeDoubleLE(offset, 1);
  if (littleEndian && values instanceof Float64Array) Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(buf, 9);
  else for (let i = 0; i < values.length; i++) buf.writeDoubleLE(values[i] ?? 0, 9 + 8 * i);
  return buf;
}

function fromPackedVector(buf: Buffer): PackedVector {
  const values = new Float64Array((buf.length - 9) / 8);
  for (let i = 0; i < values.length; i++) values[i] = buf.readDoubleLE(9 + 8 * i);
  return { offset: buf.readDoubleLE(1), values };
}

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
    for (const [field, value] of Object.entries(await this.#redis.hgetallBuffer(key))) {
      if (value[0] === VECTOR_TAG) fields.vectors[field] = fromPackedVector(value);
      else fields.numbers[field] = Number(value.toString());
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
