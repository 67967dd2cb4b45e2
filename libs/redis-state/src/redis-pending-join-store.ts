// Adapter: PendingJoinStore on Redis 7 (ioredis). Per request id, three keys in one hash slot:
// `<prefix>{<requestId>}:p` (prediction waiting), `:l` (label waiting), `:r` (resolution), each a
// JSON string with a TTL; Lua scripts make join, claim and complete atomic per request id. Per input
// partition: `<prefix>{st:<p>}` (stream time) and `<prefix>{lw:<p>}` (sorted set of waiting labels by
// event time). No subject id or other personal data is ever part of a key.
import type { Redis } from 'ioredis';
import { createRedisClient } from './redis-client.ts';
import type { RedisConnectionOptions } from './redis-client.ts';
import type { ChainableCommander } from 'ioredis';
import type { ClaimRequest, ClaimResult, JoinRequest, JoinState, PendingEntry, PendingJoinStore, Resolution } from './pending-join-store.ts';

// KEYS: p, l, r. ARGV: 1 = index of the side's key (1 or 2), 2 = entry JSON, 3 = ttl ms.
const JOIN = `
local r = redis.call('GET', KEYS[3])
if r then return {r, false, false} end
redis.call('SET', KEYS[tonumber(ARGV[1])], ARGV[2], 'NX', 'PX', ARGV[3])
return {false, redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2])}
`;

// KEYS: p, l, r. ARGV: 1 = resolution JSON, 2 = expected prediction tag, 3 = expected label tag ('' = absent), 4 = ttl ms.
const CLAIM = `
local r = redis.call('GET', KEYS[3])
if r then return {'exists', r} end
local function tagOf(key)
  local v = redis.call('GET', key)
  if not v then return '' end
  return cjson.decode(v)['tag']
end
if tagOf(KEYS[1]) ~= ARGV[2] or tagOf(KEYS[2]) ~= ARGV[3] then return {'stale', false} end
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[4])
redis.call('DEL', KEYS[1], KEYS[2])
return {'claimed', ARGV[1]}
`;

// KEYS: r. ARGV: 1 = tag, 2 = ttl ms. Keeps tag and kind, drops the payload.
const COMPLETE = `
local r = redis.call('GET', KEYS[1])
if not r then return 0 end
local d = cjson.decode(r)
if d['tag'] ~= ARGV[1] then return 0 end
d['payload'] = ''
d['done'] = true
redis.call('SET', KEYS[1], cjson.encode(d), 'PX', ARGV[2])
return 1
`;

// KEYS: stream-time key. ARGV: 1 = event time. Never lowers the stored value.
const ADVANCE = `
local cur = redis.call('GET', KEYS[1])
if cur and tonumber(cur) >= tonumber(ARGV[1]) then return cur end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]
`;

const SCRIPTS = { dlJoinPending: JOIN, dlClaimPending: CLAIM, dlCompletePending: COMPLETE, dlAdvanceStreamTime: ADVANCE } as const;
type ScriptName = keyof typeof SCRIPTS;

export interface RedisPendingJoinStoreOptions extends RedisConnectionOptions {
  /** Prefix of every key, e.g. `dl:join:` (no `{` or `}`). */
  readonly keyPrefix: string;
  /** Lifetime of pending sides and resolutions, ms. */
  readonly ttlMs: number;
}

export class RedisPendingJoinStore implements PendingJoinStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #ttlMs: number;

  constructor(options: RedisPendingJoinStoreOptions) {
    if (/[{}]/.test(options.keyPrefix)) throw new Error('keyPrefix must not contain { or } (they delimit the hash tag)');
    this.#prefix = options.keyPrefix;
    this.#ttlMs = options.ttlMs;
    this.#redis = createRedisClient(options);
    for (const [name, lua] of Object.entries(SCRIPTS)) this.#redis.defineCommand(name, { numberOfKeys: name === 'dlCompletePending' || name === 'dlAdvanceStreamTime' ? 1 : 3, lua });
  }

  async join(requests: readonly JoinRequest[]): Promise<JoinState[]> {
    const replies = await this.#pipeline(requests.map((r) => ['dlJoinPending', [...this.#keys(r.requestId), r.side === 'prediction' ? 1 : 2, JSON.stringify(r.entry), this.#ttlMs]] as const));
    return replies.map(toJoinState);
  }

  async peek(requestIds: readonly string[]): Promise<JoinState[]> {
    if (requestIds.length === 0) return [];
    const values = await this.#redis.mget(requestIds.flatMap((id) => this.#keys(id)));
    return requestIds.map((_, i) => toJoinState([values[3 * i + 2] ?? null, values[3 * i] ?? null, values[3 * i + 1] ?? null]));
  }

  async claim(claims: readonly ClaimRequest[]): Promise<ClaimResult[]> {
    const replies = await this.#pipeline(claims.map((c) => {
      const resolution: Resolution = { tag: c.tag, kind: c.kind, payload: c.payload, done: false };
      return ['dlClaimPending', [...this.#keys(c.requestId), JSON.stringify(resolution), c.expectPredictionTag ?? '', c.expectLabelTag ?? '', this.#ttlMs]] as const;
    }));
    return replies.map((reply): ClaimResult => {
      const [status, value] = reply as [string, string | null];
      if (status === 'stale' || value === null) return { status: 'stale' };
      return { status: status === 'claimed' ? 'claimed' : 'exists', resolution: JSON.parse(value) as Resolution };
    });
  }

  async complete(items: readonly { readonly requestId: string; readonly tag: string }[]): Promise<boolean[]> {
    const replies = await this.#pipeline(items.map(({ requestId, tag }) => ['dlCompletePending', [this.#keys(requestId)[2], tag, this.#ttlMs]] as const));
    return replies.map((r) => r === 1);
  }

  async advanceStreamTime(partition: number, eventTime: number): Promise<number> {
    const [reply] = await this.#pipeline([['dlAdvanceStreamTime', [this.#streamTimeKey(partition), eventTime]]]);
    return Number(reply);
  }

  async streamTime(partition: number): Promise<number | undefined> {
    const value = await this.#redis.get(this.#streamTimeKey(partition));
    return value === null ? undefined : Number(value);
  }

  async indexWaitingLabels(partition: number, items: readonly { readonly requestId: string; readonly eventTime: number }[]): Promise<void> {
    if (items.length === 0) return;
    await this.#redis.zadd(this.#waitingKey(partition), ...items.flatMap((i) => [i.eventTime, i.requestId]));
  }

  async dueLabels(partition: number, upTo: number, limit: number): Promise<string[]> {
    return this.#redis.zrangebyscore(this.#waitingKey(partition), '-inf', upTo, 'LIMIT', 0, limit);
  }

  async unindexLabels(partition: number, requestIds: readonly string[]): Promise<void> {
    if (requestIds.length > 0) await this.#redis.zrem(this.#waitingKey(partition), ...requestIds);
  }

  countWaitingLabels(partition: number): Promise<number> {
    return this.#redis.zcard(this.#waitingKey(partition));
  }

  deleteByRequestId(requestId: string): Promise<number> {
    return this.#redis.del(...this.#keys(requestId));
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }

  #keys(requestId: string): [string, string, string] {
    const base = `${this.#prefix}{${requestId}}`;
    return [`${base}:p`, `${base}:l`, `${base}:r`];
  }

  #streamTimeKey(partition: number): string {
    return `${this.#prefix}{st:${partition}}`;
  }

  #waitingKey(partition: number): string {
    return `${this.#prefix}{lw:${partition}}`;
  }

  /** Runs defined scripts in one pipeline; throws the first error. */
  async #pipeline(calls: readonly (readonly [ScriptName, readonly (string | number)[]])[]): Promise<unknown[]> {
    if (calls.length === 0) return [];
    const pipeline = this.#redis.pipeline() as ChainableCommander & Record<ScriptName, (...args: (string | number)[]) => ChainableCommander>;
    for (const [name, args] of calls) pipeline[name](...args);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, value]) => {
      if (error !== null) throw error;
      return value;
    });
  }
}

function toJoinState(reply: unknown): JoinState {
  const [resolution, prediction, label] = reply as [string | null, string | null, string | null];
  if (resolution !== null) return { resolution: JSON.parse(resolution) as Resolution };
  return {
    ...(prediction === null ? {} : { prediction: JSON.parse(prediction) as PendingEntry }),
    ...(label === null ? {} : { label: JSON.parse(label) as PendingEntry }),
  };
}
