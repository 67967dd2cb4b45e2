// Env variables every service shares: Kafka (TLS, SASL), the schema registry (auth) and Redis
// (AUTH, TLS). Documented once in the root README's config table.
import { z } from 'zod';
import type { EnvRecord } from './parse-env.ts';

const csv = z.string().min(1).transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));
const bool = z.enum(['true', 'false']).transform((s) => s === 'true');

export const kafkaEnvShape = {
  KAFKA_BROKERS: csv.describe('Comma-separated host:port list'),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  KAFKA_TLS: bool.default(false),
  KAFKA_TLS_CA_FILE: z.string().min(1).optional(),
  KAFKA_TLS_CERT_FILE: z.string().min(1).optional(),
  KAFKA_TLS_KEY_FILE: z.string().min(1).optional(),
  KAFKA_TLS_REJECT_UNAUTHORIZED: bool.default(true),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
} as const;

export const registryEnvShape = {
  SCHEMA_REGISTRY_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  SCHEMA_REGISTRY_USERNAME: z.string().min(1).optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().min(1).optional(),
  SCHEMA_REGISTRY_TOKEN: z.string().min(1).optional(),
  SCHEMA_REGISTRY_CA_FILE: z.string().min(1).optional(),
  SCHEMA_REGISTRY_CERT_FILE: z.string().min(1).optional(),
  SCHEMA_REGISTRY_KEY_FILE: z.string().min(1).optional(),
} as const;

export const redisEnvShape = {
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// (TLS) URL' }),
  REDIS_USERNAME: z.string().min(1).optional(),
  REDIS_PASSWORD: z.string().min(1).optional(),
  REDIS_TLS_CA_FILE: z.string().min(1).optional(),
  REDIS_TLS_CERT_FILE: z.string().min(1).optional(),
  REDIS_TLS_KEY_FILE: z.string().min(1).optional(),
} as const;

/** Pseudonyms and per-subject data keys (@driftline/privacy): every service that meets subject ids. */
export const privacyEnvShape = {
  DRIFTLINE_PSEUDONYM_PEPPER: z.string().refine((s) => Buffer.byteLength(s, 'utf8') >= 32, 'must be a secret of at least 32 bytes (the same in every service)'),
  DRIFTLINE_SUBJECT_KEY_PREFIX: z.string().regex(/^[^{}\s]+$/, 'must not contain braces or spaces').default('dl:keys:'),
} as const;

type KafkaEnv = z.output<z.ZodObject<typeof kafkaEnvShape>>;
type RegistryEnv = z.output<z.ZodObject<typeof registryEnvShape>>;

/** Cross-field checks on the Kafka variables: SASL needs all three; mTLS needs cert and key. */
export function checkKafkaEnv(env: KafkaEnv): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  const sasl = [env.KAFKA_SASL_MECHANISM, env.KAFKA_SASL_USERNAME, env.KAFKA_SASL_PASSWORD];
  if (sasl.some((v) => v !== undefined) && sasl.some((v) => v === undefined)) {
    problems.push({ variable: 'KAFKA_SASL_MECHANISM', message: 'SASL needs KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD together' });
  }
  if ((env.KAFKA_TLS_CERT_FILE === undefined) !== (env.KAFKA_TLS_KEY_FILE === undefined)) {
    problems.push({ variable: 'KAFKA_TLS_CERT_FILE', message: 'client TLS needs both KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE' });
  }
  return problems;
}

/** The names of a client's TLS file variables (CA, client certificate, client key). */
interface TlsFileNames { readonly ca: string; readonly cert: string; readonly key: string }
type Problem = { variable: string; message: string };

/** TLS files need a URL of the TLS scheme; a client certificate needs its key. */
function tlsFileProblems(env: Readonly<Record<string, unknown>>, url: { readonly variable: string; readonly scheme: string }, names: TlsFileNames): Problem[] {
  const problems: Problem[] = [];
  const set = (name: string): boolean => env[name] !== undefined;
  if ((set(names.ca) || set(names.cert) || set(names.key)) && !String(env[url.variable]).startsWith(`${url.scheme}:`)) {
    problems.push({ variable: url.variable, message: `must be a ${url.scheme}:// URL when ${names.ca}, ${names.cert} or ${names.key} is set` });
  }
  if (set(names.cert) !== set(names.key)) problems.push({ variable: names.cert, message: `client TLS needs both ${names.cert} and ${names.key}` });
  return problems;
}

/** The TLS files given, as client options (undefined when none is). */
function toTlsFiles(env: Readonly<Record<string, unknown>>, names: TlsFileNames): { caFile?: string; certFile?: string; keyFile?: string } | undefined {
  const file = (name: string): string | undefined => (typeof env[name] === 'string' ? env[name] : undefined);
  const [caFile, certFile, keyFile] = [file(names.ca), file(names.cert), file(names.key)];
  if (caFile === undefined && certFile === undefined && keyFile === undefined) return undefined;
  return { ...(caFile === undefined ? {} : { caFile }), ...(certFile === undefined ? {} : { certFile }), ...(keyFile === undefined ? {} : { keyFile }) };
}

const REGISTRY_TLS: TlsFileNames = { ca: 'SCHEMA_REGISTRY_CA_FILE', cert: 'SCHEMA_REGISTRY_CERT_FILE', key: 'SCHEMA_REGISTRY_KEY_FILE' };
const REDIS_TLS: TlsFileNames = { ca: 'REDIS_TLS_CA_FILE', cert: 'REDIS_TLS_CERT_FILE', key: 'REDIS_TLS_KEY_FILE' };

export function checkRegistryEnv(env: RegistryEnv): Problem[] {
  return [
    ...(env.SCHEMA_REGISTRY_TOKEN !== undefined && env.SCHEMA_REGISTRY_USERNAME !== undefined
      ? [{ variable: 'SCHEMA_REGISTRY_TOKEN', message: 'set either SCHEMA_REGISTRY_TOKEN or SCHEMA_REGISTRY_USERNAME/PASSWORD, not both' }] : []),
    ...tlsFileProblems(env, { variable: 'SCHEMA_REGISTRY_URL', scheme: 'https' }, REGISTRY_TLS),
  ];
}

/** Kafka connection settings (structurally the KafkaConnection of @driftline/kafka). */
export function toKafkaConnection(env: KafkaEnv, clientId: string): {
  brokers: string[]; clientId: string;
  tls?: { caFile?: string; certFile?: string; keyFile?: string; rejectUnauthorized: boolean };
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
} {
  const tlsOn = env.KAFKA_TLS || env.KAFKA_TLS_CA_FILE !== undefined || env.KAFKA_TLS_CERT_FILE !== undefined;
  return {
    brokers: env.KAFKA_BROKERS,
    clientId: env.KAFKA_CLIENT_ID ?? clientId,
    ...(tlsOn ? { tls: {
      rejectUnauthorized: env.KAFKA_TLS_REJECT_UNAUTHORIZED,
      ...(env.KAFKA_TLS_CA_FILE === undefined ? {} : { caFile: env.KAFKA_TLS_CA_FILE }),
      ...(env.KAFKA_TLS_CERT_FILE === undefined ? {} : { certFile: env.KAFKA_TLS_CERT_FILE }),
      ...(env.KAFKA_TLS_KEY_FILE === undefined ? {} : { keyFile: env.KAFKA_TLS_KEY_FILE }),
    } } : {}),
    ...(env.KAFKA_SASL_MECHANISM !== undefined && env.KAFKA_SASL_USERNAME !== undefined && env.KAFKA_SASL_PASSWORD !== undefined
      ? { sasl: { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD } } : {}),
  };
}

/** Registry client settings (structurally the options of HttpSchemaRegistry). */
export function toRegistryOptions(env: RegistryEnv): { url: string; auth?: { username?: string; password?: string; token?: string }; tls?: { caFile?: string; certFile?: string; keyFile?: string } } {
  const tls = toTlsFiles(env, REGISTRY_TLS);
  const auth = env.SCHEMA_REGISTRY_TOKEN !== undefined ? { token: env.SCHEMA_REGISTRY_TOKEN }
    : env.SCHEMA_REGISTRY_USERNAME !== undefined ? { username: env.SCHEMA_REGISTRY_USERNAME, ...(env.SCHEMA_REGISTRY_PASSWORD === undefined ? {} : { password: env.SCHEMA_REGISTRY_PASSWORD }) }
    : undefined;
  return { url: env.SCHEMA_REGISTRY_URL, ...(auth === undefined ? {} : { auth }), ...(tls === undefined ? {} : { tls }) };
}

export type { EnvRecord };

/** Consumer-group settings every consuming service shares. */
export const consumerEnvShape = {
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000, 'must be at least 6000 (the broker\'s group.min.session.timeout.ms)').max(300_000).default(30_000),
  KAFKA_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().positive().default(3000),
} as const;

/** HTTP server and logging settings every service shares (bind 0.0.0.0 in containers). */
export const serviceEnvShape = {
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
} as const;

/** The heartbeat must fit three times in the session timeout. */
export function checkConsumerEnv(env: z.output<z.ZodObject<typeof consumerEnvShape>>): { variable: string; message: string }[] {
  return env.KAFKA_HEARTBEAT_INTERVAL_MS * 3 > env.KAFKA_SESSION_TIMEOUT_MS
    ? [{ variable: 'KAFKA_HEARTBEAT_INTERVAL_MS', message: 'must be at most a third of KAFKA_SESSION_TIMEOUT_MS' }]
    : [];
}

type RedisEnv = z.output<z.ZodObject<typeof redisEnvShape>>;

/** Cross-field checks on the Redis variables: TLS files need a rediss:// URL; mutual TLS needs cert and key. */
export function checkRedisEnv(env: RedisEnv): Problem[] {
  return tlsFileProblems(env, { variable: 'REDIS_URL', scheme: 'rediss' }, REDIS_TLS);
}

/** Redis connection settings (structurally the options of the @driftline/redis-state adapters). */
export function toRedisOptions(env: RedisEnv): { url: string; username?: string; password?: string; tls?: { caFile?: string; certFile?: string; keyFile?: string } } {
  const tls = toTlsFiles(env, REDIS_TLS);
  return {
    url: env.REDIS_URL,
    ...(env.REDIS_USERNAME === undefined ? {} : { username: env.REDIS_USERNAME }),
    ...(env.REDIS_PASSWORD === undefined ? {} : { password: env.REDIS_PASSWORD }),
    ...(tls === undefined ? {} : { tls }),
  };
}
