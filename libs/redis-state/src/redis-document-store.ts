// Adapter: DocumentStore on Redis 7 (ioredis). A document is a hash {v: version, b: body}; an outbox
// is a hash (field → value) with its leases in the hash `<outbox key>:lease` (field → epoch ms).
// One Lua script checks the watermark and every version, then writes documents, outbox entries and
// the watermark, so a commit is all or nothing and a replay after a crash is a no-op.
import type { Redis } from 'ioredis';
import { createRedisClient, toLuaScript } from './redis-client.ts';
import type { LuaScript, RedisConnectionOptions } from './redis-client.ts';
import { DocumentConflictError, WatermarkConflictError } from './errors.ts';
import type { CommitResult, DocumentCommit, DocumentStore, StoredDocument } from './document-store.ts';
import { scanDelete } from './scan-delete.ts';

// KEYS: every key the commit touches. ARGV[1] = JSON { wk: watermark key index or 0, wf, off, from
// (-1: none), docs: [[key index, expected version, body]], ob: [[outbox key index, lease key index,
// field, value, lease until]] }. Returns 1 applied, 0 replayed, {'overlap', stored watermark} or
// {'conflict', key index}.
const COMMIT = `
local p = cjson.decode(ARGV[1])
if p.wk > 0 then
  local wm = redis.call('HGET', KEYS[p.wk], p.wf)
  if wm and tonumber(wm) >= p.off then return 0 end
  if wm and p.from >= 0 and tonumber(wm) >= p.from then return {'overlap', wm} end
end
for _, d in ipairs(p.docs) do
  local v = tonumber(redis.call('HGET', KEYS[d[1]], 'v') or '0')
  if v ~= d[2] then return {'conflict', tostring(d[1])} end
end
for _, d in ipairs(p.docs) do redis.call('HSET', KEYS[d[1]], 'v', d[2] + 1, 'b', d[3]) end
for _, e in ipairs(p.ob) do
  redis.call('HSET', KEYS[e[1]], e[3], e[4])
  redis.call('HSET', KEYS[e[2]], e[3], string.format('%.17g', e[5]))
end
if p.wk > 0 then redis.call('HSET', KEYS[p.wk], p.wf, p.off) end
return 1
`;

// KEYS: outbox, leases. ARGV: now, lease until, limit. Returns [field, value, ...] of the entries leased.
const CLAIM = `
local out = {}
local limit = tonumber(ARGV[3])
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  if #out >= 2 * limit then break end
  local lease = tonumber(redis.call('HGET', KEYS[2], f) or '0')
  if lease <= tonumber(ARGV[1]) then
    redis.call('HSET', KEYS[2], f, ARGV[2])
    out[#out + 1] = f
    out[#out + 1] = redis.call('HGET', KEYS[1], f)
  end
end
return out
`;

// KEYS: outbox. ARGV: field, value. Replaces an existing entry only.
const UPDATE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1
`;

export type RedisDocumentStoreOptions = RedisConnectionOptions;

export class RedisDocumentStore implements DocumentStore {
  readonly #redis: Redis;

  constructor(options: RedisDocumentStoreOptions) {
    this.#redis = createRedisClient(options);
    this.#redis.defineCommand('dlCommitDocuments', { lua: COMMIT });
    this.#redis.defineCommand('dlClaimOutbox', { lua: CLAIM, numberOfKeys: 2 });
    this.#redis.defineCommand('dlUpdateOutbox', { lua: UPDATE, numberOfKeys: 1 });
  }

  async getDocuments(keys: readonly string[]): Promise<(StoredDocument | undefined)[]> {
    if (keys.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (const key of keys) pipeline.hmget(key, 'v', 'b');
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, value]) => {
      if (error !== null) throw error;
      const [version, body] = value as [string | null, string | null];
      return version === null || body === null ? undefined : { version: Number(version), body };
    });
  }

  async commit(commit: DocumentCommit): Promise<CommitResult> {
    const keys: string[] = [];
    const position = (key: string): number => {
      const i = keys.indexOf(key);
      if (i >= 0) return i + 1;
      keys.push(key);
      return keys.length;
    };
    const { watermark } = commit;
    const payload = {
      wk: watermark === undefined ? 0 : position(watermark.key),
      wf: watermark?.field ?? '',
      off: watermark?.offset ?? 0,
      from: watermark?.fromOffset ?? -1,
      docs: commit.writes.map((w) => [position(w.key), w.expectVersion, w.body]),
      ob: (commit.outbox ?? []).map((e) => [position(e.key), position(toLeaseKey(e.key)), e.field, e.value, e.leaseUntil]),
    };
    const result = await this.#script('dlCommitDocuments')(keys.length, ...keys, JSON.stringify(payload));
    if (Array.isArray(result)) {
      const [kind, detail] = result as [string, string];
      if (kind === 'overlap') throw new WatermarkConflictError(watermark?.field ?? '', Number(detail));
      throw new DocumentConflictError(keys[Number(detail) - 1] ?? '');
    }
    return result === 1 ? 'applied' : 'replayed';
  }

  async getWatermark(key: string, field: string): Promise<number | undefined> {
    const value = await this.#redis.hget(key, field);
    return value === null ? undefined : Number(value);
  }

  async claimOutbox(key: string, options: { readonly now: number; readonly leaseUntil: number; readonly limit: number }): Promise<{ field: string; value: string }[]> {
    const flat = (await this.#script('dlClaimOutbox')(key, toLeaseKey(key), options.now, options.leaseUntil, options.limit)) as string[];
    const entries: { field: string; value: string }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) entries.push({ field: flat[i] ?? '', value: flat[i + 1] ?? '' });
    return entries;
  }

  async updateOutboxEntry(key: string, field: string, value: string): Promise<void> {
    await this.#script('dlUpdateOutbox')(key, field, value);
  }

  async deleteOutboxEntry(key: string, field: string): Promise<void> {
    await this.#redis.multi().hdel(key, field).hdel(toLeaseKey(key), field).exec();
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

  #script(name: string): LuaScript {
    return toLuaScript(this.#redis, name);
  }
}

function toLeaseKey(outboxKey: string): string {
  return `${outboxKey}:lease`;
}
