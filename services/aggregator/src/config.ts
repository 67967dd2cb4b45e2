// The aggregator's configuration, from the environment (README config table).
import { z } from 'zod';
import { checkKafkaEnv, checkRegistryEnv, kafkaEnvShape, parseEnv, redisEnvShape, registryEnvShape } from '@driftline/service-kit';
import type { EnvRecord } from '@driftline/service-kit';
import { toDurationMs } from '@driftline/schemas';

const duration = z.string().transform((v, ctx) => {
  const ms = toDurationMs(v);
  if (ms === undefined) { ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (e.g. 30s, 5m, 7d)` }); return z.NEVER; }
  return ms;
});
const bool = z.enum(['true', 'false']).transform((s) => s === 'true');

export const aggregatorConfigSchema = z.object({
  ...kafkaEnvShape,
  ...registryEnvShape,
  ...redisEnvShape,
  AGGREGATOR_GROUP_ID: z.string().min(1).default('driftline-aggregator'),
  DRIFTLINE_TOPIC_PREFIX: z.string().default(''),
  DRIFTLINE_REDIS_PREFIX: z.string().min(1).default('dl:'),
  AGGREGATOR_OUTCOME_GRACE: duration.default(604_800_000),
  AGGREGATOR_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(10_000),
  AGGREGATOR_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(2),
  AGGREGATOR_SESSION_TIMEOUT: duration.default(30_000),
  K_ANONYMITY: z.coerce.number().int().min(1).default(10),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  API_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  DEFAULT_METRICS: bool.default(true),
});

export type AggregatorConfig = z.output<typeof aggregatorConfigSchema>;

export function loadConfig(env: EnvRecord): Readonly<AggregatorConfig> {
  const sessionTimeout = (c: AggregatorConfig): { variable: string; message: string }[] =>
    c.AGGREGATOR_SESSION_TIMEOUT < 6000 || c.AGGREGATOR_SESSION_TIMEOUT > 300_000 ? [{ variable: 'AGGREGATOR_SESSION_TIMEOUT', message: 'must be between 6s and 5m (the broker\'s group.min/max.session.timeout.ms defaults)' }] : [];
  return parseEnv(aggregatorConfigSchema, env, [checkKafkaEnv, checkRegistryEnv, sessionTimeout]);
}
