// One way to open an ioredis connection for every Redis adapter: URL (rediss:// for TLS), AUTH,
// bounded retries per command, and connection errors reported through `onError` (commands fail
// on their own, so without a listener nothing is lost and nothing is printed).
import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Connection-level errors (the client reconnects by itself). */
  readonly onError?: (error: Error) => void;
}

export function createRedisClient(options: RedisConnectionOptions): Redis {
  const redis = new Redis(options.url, {
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
    maxRetriesPerRequest: 3,
  });
  redis.on('error', (error: Error) => { options.onError?.(error); });
  return redis;
}

/** A Lua script defined with `redis.defineCommand`, as a function (throws when it was not defined). */
export type LuaScript = (...args: (string | number)[]) => Promise<unknown>;

export function toLuaScript(redis: Redis, name: string): LuaScript {
  const fn = (redis as unknown as Record<string, LuaScript | undefined>)[name];
  if (fn === undefined) throw new Error(`Lua command ${name} is not defined`);
  return (...args) => fn.apply(redis, args);
}
