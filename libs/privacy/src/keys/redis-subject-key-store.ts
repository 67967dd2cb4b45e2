// Adapter: SubjectKeyStore on Redis. One string per subject, `<prefix>{<pseudonym>}` = the key in
// base64; created with SET NX, so concurrent creators agree on the first one written. Keep Redis
// backups within the erasure deadline: a restored backup brings shredded keys back (the eraser
// shreds them again when it replays its deny list; docs/privacy.md).
import type { Redis } from 'ioredis';
import { createDataKey } from '../crypto/envelope.ts';
import { createRedisClient } from '@driftline/redis-state';
import type { RedisConnectionOptions } from '@driftline/redis-state';
import type { SubjectKeyStore } from './subject-key-store.ts';

export interface RedisSubjectKeyStoreOptions extends RedisConnectionOptions {
  /** Prefix of every key, e.g. `dl:keys:` (no `{` or `}`). */
  readonly keyPrefix: string;
}

export class RedisSubjectKeyStore implements SubjectKeyStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(options: RedisSubjectKeyStoreOptions) {
    if (/[{}]/.test(options.keyPrefix)) throw new Error('keyPrefix must not contain { or } (they delimit the hash tag)');
    this.#prefix = options.keyPrefix;
    this.#redis = createRedisClient(options);
  }

  async obtain(pseudonyms: readonly string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(pseudonyms)];
    if (unique.length === 0) return new Map();
    const pipeline = this.#redis.pipeline();
    for (const p of unique) pipeline.set(this.#key(p), createDataKey().toString('base64'), 'NX').get(this.#key(p));
    const replies = (await pipeline.exec()) ?? [];
    const out = new Map<string, Buffer>();
    unique.forEach((p, i) => {
      const [error, value] = replies[2 * i + 1] ?? [null, null];
      if (error !== null) throw error;
      if (typeof value === 'string') out.set(p, Buffer.from(value, 'base64'));
    });
    // A key shredded between SET NX and GET: create it again (the caller is writing new data).
    const missing = unique.filter((p) => !out.has(p));
    if (missing.length > 0) for (const [p, key] of await this.obtain(missing)) out.set(p, key);
    return out;
  }

  async find(pseudonyms: readonly string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(pseudonyms)];
    if (unique.length === 0) return new Map();
    const values = await this.#redis.mget(unique.map((p) => this.#key(p)));
    const out = new Map<string, Buffer>();
    unique.forEach((p, i) => {
      const value = values[i];
      if (typeof value === 'string') out.set(p, Buffer.from(value, 'base64'));
    });
    return out;
  }

  async shred(pseudonyms: readonly string[]): Promise<number> {
    const unique = [...new Set(pseudonyms)];
    return unique.length === 0 ? 0 : this.#redis.del(...unique.map((p) => this.#key(p)));
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }

  #key(pseudonym: string): string {
    return `${this.#prefix}{${pseudonym}}`;
  }
}
