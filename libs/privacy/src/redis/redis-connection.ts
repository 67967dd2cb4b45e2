// An ioredis connection for the privacy adapters: URL (rediss:// for TLS), AUTH, bounded retries,
// connection errors reported through `onError` (structurally the options of @driftline/redis-state).
import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  readonly onError?: (error: Error) => void;
}

export function toRedis(options: RedisConnectionOptions): Redis {
  const redis = new Redis(options.url, {
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
    maxRetriesPerRequest: 3,
  });
  redis.on('error', (error: Error) => { options.onError?.(error); });
  return redis;
}
