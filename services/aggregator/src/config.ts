// The aggregator's configuration, from the environment (README config table).
import { z } from 'zod';
import { checkConsumerEnv, checkKafkaEnv, checkRegistryEnv, checkRedisEnv, consumerEnvShape, kafkaEnvShape, parseEnv, redisEnvShape, registryEnvShape, serviceEnvShape } from '@driftline/service-kit';
import type { EnvRecord } from '@driftline/service-kit';
import { durationEnv as duration } from '@driftline/schemas';
import { tracingEnvShape } from '@driftline/tracing';

const bool = z.enum(['true', 'false']).transform((s) => s === 'true');

export const aggregatorConfigSchema = z.object({
  ...kafkaEnvShape,
  ...registryEnvShape,
  ...redisEnvShape,
  ...consumerEnvShape,
  ...serviceEnvShape,
  ...tracingEnvShape,
  AGGREGATOR_GROUP_ID: z.string().min(1).default('driftline-aggregator'),
  DRIFTLINE_TOPIC_PREFIX: z.string().default(''),
  DRIFTLINE_REDIS_PREFIX: z.string().min(1).default('dl:'),
  AGGREGATOR_OUTCOME_GRACE: duration.default(604_800_000),
  AGGREGATOR_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(50_000),
  AGGREGATOR_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(4),
  AGGREGATOR_FETCH_PARTITION_MIB: z.coerce.number().int().min(1).max(256).default(8),
  AGGREGATOR_FETCH_MIB: z.coerce.number().int().min(1).max(1024).default(40),
  K_ANONYMITY: z.coerce.number().int().min(1).default(10),
  API_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  DEFAULT_METRICS: bool.default(true),
});

export type AggregatorConfig = z.output<typeof aggregatorConfigSchema>;

function checkFetchEnv(env: AggregatorConfig): { variable: string; message: string }[] {
  return env.AGGREGATOR_FETCH_MIB < env.AGGREGATOR_FETCH_PARTITION_MIB
    ? [{ variable: 'AGGREGATOR_FETCH_MIB', message: 'must be at least AGGREGATOR_FETCH_PARTITION_MIB (one fetch holds at least one partition\'s batch)' }]
    : [];
}

export function loadConfig(env: EnvRecord): Readonly<AggregatorConfig> {
  return parseEnv(aggregatorConfigSchema, env, [checkKafkaEnv, checkRegistryEnv, checkRedisEnv, checkConsumerEnv, checkFetchEnv]);
}
