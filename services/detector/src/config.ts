// The detector's configuration, from the environment (services/detector/README.md config table).
import { z } from 'zod';
import { checkConsumerEnv, checkKafkaEnv, checkRegistryEnv, checkRedisEnv, consumerEnvShape, kafkaEnvShape, parseEnv, redisEnvShape, registryEnvShape, serviceEnvShape } from '@driftline/service-kit';
import type { EnvRecord } from '@driftline/service-kit';
import { durationEnv as duration } from '@driftline/schemas';
import { tracingEnvShape } from '@driftline/tracing';

const bool = z.enum(['true', 'false']).transform((s) => s === 'true');

export const detectorConfigSchema = z.object({
  ...kafkaEnvShape,
  ...registryEnvShape,
  ...redisEnvShape,
  ...consumerEnvShape,
  ...serviceEnvShape,
  ...tracingEnvShape,
  DETECTOR_GROUP_ID: z.string().min(1).default('driftline-detector'),
  DRIFTLINE_TOPIC_PREFIX: z.string().default(''),
  DRIFTLINE_REDIS_PREFIX: z.string().min(1).default('dl:'),
  DETECTOR_AGGREGATOR_URL: z.url().optional().describe('Base URL of the aggregator read API; without it only streaming detectors run'),
  DETECTOR_AGGREGATOR_TOKEN: z.string().min(1).optional(),
  DETECTOR_EVALUATE_INTERVAL: duration.default(5_000),
  DETECTOR_CHECKPOINT_INTERVAL: duration.default(5_000),
  DETECTOR_ATTRIBUTION_HOLD: duration.default(30_000),
  DETECTOR_MIN_EFFECT: z.coerce.number().min(0).default(0.5),
  DETECTOR_OUTCOME_GRACE: duration.default(604_800_000),
  DETECTOR_CLAIM_TTL: duration.default(604_800_000),
  DETECTOR_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(5_000),
  DEFAULT_METRICS: bool.default(true),
});

export type DetectorConfig = z.output<typeof detectorConfigSchema>;

export function loadConfig(env: EnvRecord): Readonly<DetectorConfig> {
  return parseEnv(detectorConfigSchema, env, [checkKafkaEnv, checkRegistryEnv, checkRedisEnv, checkConsumerEnv]);
}
