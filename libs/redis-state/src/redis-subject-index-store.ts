// Adapter: SubjectIndexStore on Redis 7. Keys (every one under the eraser's prefix):
//   `<prefix>s:{<pseudonym>}`  hash `<role>|<requestId>` → `partition:offset:eventTime` (the index)
//   `<prefix>r:{<requestId>}`  hash `s` → pseudonym, `<role>` → location (per request id)
//   `<prefix>g:{<guardId>}`    guard of an erased request id (TTL)
//   `<prefix>h:{<requestId>}`  a handled subject request (TTL)
// One script per entry on the request id's hash decides atomically whether a record that carries
// only a request id belongs to a known subject; the subject's hash is written after it
// (idempotently: a crash in between is repaired when the record is redelivered).
import type { Redis } from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import { createRedisClient } from './redis-client.ts';
import type { RedisConnectionOptions } from './redis-client.ts';
import { parseLocationText, toLocationText } from './subject-index-store.ts';
import type { IndexedLocation, SubjectIndexEntry, SubjectIndexStore, SubjectRecords } from './subject-index-store.ts';

// KEYS[1] = request hash. ARGV: 1 = role, 2 = location, 3 = pseudonym or '', 4 = ttl ms, 5 = orphan ttl ms.
// With a pseudonym: records it and returns the hash (every location to copy into the index).
// Without: returns {pseudonym, location} when the request id's subject is known, else keeps the
// location as an orphan and returns false.
const RECORD = `
local known = redis.call('HGET', KEYS[1], 's')
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 's', ARGV[3], ARGV[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return redis.call('HGETALL', KEYS[1])
end
if known then return {'s', known, ARGV[1], ARGV[2]} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return false
`;

export interface RedisSubjectIndexStoreOptions extends RedisConnectionOptions {
  /** Prefix of every key, e.g. `dl:erase:` (no `{` or `}`). */
  readonly keyPrefix: string;
  /** Lifetime of index entries after their last update (about the topics' retention). */
  readonly ttlMs: number;
  /** How long a record that carries only a request id waits for its subject. */
  readonly orphanTtlMs: number;
}

export class RedisSubjectIndexStore implements SubjectIndexStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #orphanTtlMs: number;

  constructor(options: RedisSubjectIndexStoreOptions) {
    if (/[{}]/.test(options.keyPrefix)) throw new Error('keyPrefix must not contain { or } (they delimit the hash tag)');
    this.#prefix = options.keyPrefix;
    this.#ttlMs = options.ttlMs;
    this.#orphanTtlMs = options.orphanTtlMs;
    this.#redis = createRedisClient(options);
    this.#redis.defineCommand('dlIndexRecord', { numberOfKeys: 1, lua: RECORD });
  }

  async record(entries: readonly SubjectIndexEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.#redis.pipeline() as ChainableCommander & { dlIndexRecord: (...args: (string | number)[]) => ChainableCommander };
    for (const e of entries) pipeline.dlIndexRecord(this.#requestKey(e.requestId), e.role, toLocationText(e.location), e.pseudonym ?? '', this.#ttlMs, this.#orphanTtlMs);
    const replies = await exec(pipeline);
    const writes = this.#redis.pipeline();
    let queued = 0;
    replies.forEach((reply, i) => {
      const entry = entries[i];
      if (entry === undefined || !Array.isArray(reply)) return;
      const fields = toPairs(reply as string[]);
      const pseudonym = fields.get('s');
      if (pseudonym === undefined) return;
      fields.delete('s');
      const key = this.#subjectKey(pseudonym);
      writes.hset(key, ...[...fields].flatMap(([role, location]) => [`${role}|${entry.requestId}`, location])).pexpire(key, this.#ttlMs);
      queued++;
    });
    if (queued > 0) await exec(writes);
  }

  async lookup(pseudonym: string): Promise<SubjectRecords> {
    const hash = await this.#redis.hgetall(this.#subjectKey(pseudonym));
    const out: SubjectRecords = new Map();
    for (const [field, text] of Object.entries(hash)) {
      const bar = field.indexOf('|');
      const location: IndexedLocation | undefined = parseLocationText(text);
      if (bar < 0 || location === undefined) continue;
      const requestId = field.slice(bar + 1);
      const byRole = out.get(requestId) ?? new Map<string, IndexedLocation>();
      byRole.set(field.slice(0, bar), location);
      out.set(requestId, byRole);
    }
    return out;
  }

  async forget(pseudonym: string, requestIds: readonly string[]): Promise<number> {
    const keys = [this.#subjectKey(pseudonym), ...requestIds.map((id) => this.#requestKey(id))];
    let deleted = 0;
    for (let i = 0; i < keys.length; i += 1000) deleted += await this.#redis.unlink(...keys.slice(i, i + 1000));
    return deleted;
  }

  async guard(guardIds: readonly string[], ttlMs: number): Promise<void> {
    if (guardIds.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const id of guardIds) pipeline.set(this.#guardKey(id), '1', 'PX', ttlMs);
    await exec(pipeline);
  }

  async guarded(guardIds: readonly string[]): Promise<Set<string>> {
    if (guardIds.length === 0) return new Set();
    const values = await this.#redis.mget(guardIds.map((id) => this.#guardKey(id)));
    return new Set(guardIds.filter((_, i) => values[i] !== null));
  }

  async markHandled(requestId: string, ttlMs: number): Promise<void> {
    await this.#redis.set(`${this.#prefix}h:{${requestId}}`, '1', 'PX', ttlMs);
  }

  async wasHandled(requestId: string): Promise<boolean> {
    return (await this.#redis.exists(`${this.#prefix}h:{${requestId}}`)) === 1;
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }

  #subjectKey(pseudonym: string): string {
    return `${this.#prefix}s:{${pseudonym}}`;
  }

  #requestKey(requestId: string): string {
    return `${this.#prefix}r:{${requestId}}`;
  }

  #guardKey(guardId: string): string {
    return `${this.#prefix}g:{${guardId}}`;
  }
}

async function exec(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error !== null) throw error;
    return value;
  });
}

function toPairs(flat: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) out.set(flat[i] ?? '', flat[i + 1] ?? '');
  return out;
}
