// One way to open an ioredis connection for every Redis adapter: URL (rediss:// for TLS, with an
// optional private CA and client certificate), AUTH, bounded retries per command, and connection
// errors reported through `onError` (commands fail on their own, so without a listener nothing is
// lost and nothing is printed).
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /**
   * TLS files (PEM), for a rediss:// URL: the CA that signed the server's certificate (else the
   * system's CAs and NODE_EXTRA_CA_CERTS), and a client certificate and key for mutual TLS.
   */
  readonly tls?: { readonly caFile?: string; readonly certFile?: string; readonly keyFile?: string };
  /** Connection-level errors (the client reconnects by itself). */
  readonly onError?: (error: Error) => void;
}

export function createRedisClient(options: RedisConnectionOptions): Redis {
  const tls = options.tls;
  const redis = new Redis(options.url, {
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(tls === undefined ? {} : { tls: {
      ...(tls.caFile === undefined ? {} : { ca: readFileSync(tls.caFile, 'utf8') }),
      ...(tls.certFile === undefined ? {} : { cert: readFileSync(tls.certFile, 'utf8') }),
      ...(tls.keyFile === undefined ? {} : { key: readFileSync(tls.keyFile, 'utf8') }),
    } }),
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
