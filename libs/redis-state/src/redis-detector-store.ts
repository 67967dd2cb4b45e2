// Adapter: DetectorStore on Redis 7 (ioredis). Checkpoints are strings `<offset>\n<state JSON>`,
// replaced only by a later offset; a claim is a hash {e: event id, t: event time, s: pending|done,
// m: mark} per alert scope, decided in one Lua script with its sibling scopes (all keys of a model
// share the hash tag {<modelId>}, so the script stays within one slot); progress values are hash
// fields that only go up.
import type { Redis } from 'ioredis';
import { createRedisClient, toLuaScript } from './redis-client.ts';
import type { LuaScript, RedisConnectionOptions } from './redis-client.ts';
import type { ClaimOutcome, DetectorCheckpoint, DetectorStore, EventClaim } from './detector-store.ts';

// KEYS[1] = checkpoint. ARGV: 1 = offset, 2 = payload.
const SAVE_CHECKPOINT = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local nl = string.find(cur, '\\n', 1, true)
  if nl and tonumber(string.sub(cur, 1, nl - 1)) > tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

// KEYS[1] = scope, KEYS[2..] = sibling scopes. ARGV: 1 = event id, 2 = event time, 3 = cooldown ms, 4 = mark, 5 = ttl ms.
const CLAIM_EVENT = `
local function near(key)
  local h = redis.call('HMGET', key, 'e', 't')
  if h[1] and math.abs(tonumber(h[2]) - tonumber(ARGV[2])) < tonumber(ARGV[3]) then return h[1] end
  return false
end
local held = redis.call('HMGET', KEYS[1], 'e', 's', 'm')
if held[1] == ARGV[1] then
  if held[2] == 'done' then return {'done', ''} end
  return {'pending', held[3]}
end
for i = 1, #KEYS do
  local by = near(KEYS[i])
  if by then return {'suppressed', by} end
end
redis.call('HSET', KEYS[1], 'e', ARGV[1], 't', ARGV[2], 's', 'pending', 'm', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {'claimed', ''}
`;

// KEYS[1] = scope. ARGV[1] = event id.
const CONFIRM_EVENT = `
if redis.call('HGET', KEYS[1], 'e') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 's', 'done')
return 1
`;

// KEYS[1] = hash. ARGV: 1 = field, 2 = value.
const ADVANCE_PROGRESS = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur and tonumber(cur) >= tonumber(ARGV[2]) then return cur end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return ARGV[2]
`;

export class RedisDetectorStore implements DetectorStore {
  readonly #redis: Redis;

  constructor(options: RedisConnectionOptions) {
    this.#redis = createRedisClient(options);
    this.#redis.defineCommand('dlSaveCheckpoint', { lua: SAVE_CHECKPOINT, numberOfKeys: 1 });
    this.#redis.defineCommand('dlClaimEvent', { lua: CLAIM_EVENT });
    this.#redis.defineCommand('dlConfirmEvent', { lua: CONFIRM_EVENT, numberOfKeys: 1 });
    this.#redis.defineCommand('dlAdvanceProgress', { lua: ADVANCE_PROGRESS, numberOfKeys: 1 });
  }

  async loadCheckpoint(key: string): Promise<DetectorCheckpoint | undefined> {
    const value = await this.#redis.get(key);
    if (value === null) return undefined;
    const nl = value.indexOf('\n');
    return { offset: Number(value.slice(0, nl)), state: value.slice(nl + 1) };
  }

  async saveCheckpoint(key: string, checkpoint: DetectorCheckpoint): Promise<boolean> {
    return (await this.#script('dlSaveCheckpoint')(key, checkpoint.offset, `${String(checkpoint.offset)}\n${checkpoint.state}`)) === 1;
  }

  async claimEvent(claim: EventClaim): Promise<ClaimOutcome> {
    const keys = [claim.scope, ...(claim.siblings ?? [])];
    const [status, detail] = (await this.#script('dlClaimEvent')(keys.length, ...keys, claim.eventId, claim.eventTime, claim.cooldownMs, claim.mark, claim.ttlMs)) as [string, string];
    if (status === 'done') return { status: 'done' };
    if (status === 'pending') return { status: 'pending', mark: detail };
    if (status === 'suppressed') return { status: 'suppressed', by: detail };
    return { status: 'claimed' };
  }

  async confirmEvent(scope: string, eventId: string): Promise<boolean> {
    return (await this.#script('dlConfirmEvent')(scope, eventId)) === 1;
  }

  async getProgress(key: string, field: string): Promise<number | undefined> {
    const value = await this.#redis.hget(key, field);
    return value === null ? undefined : Number(value);
  }

  async advanceProgress(key: string, field: string, value: number): Promise<number> {
    return Number(await this.#script('dlAdvanceProgress')(key, field, value));
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }

  #script(name: string): LuaScript {
    return toLuaScript(this.#redis, name);
  }
}
