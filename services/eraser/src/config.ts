// The eraser's configuration (README "Configuration" lists every key: env var, type, default, meaning).
import { z } from 'zod';
import { checkConsumerEnv, checkKafkaEnv, checkRegistryEnv, checkRedisEnv, consumerEnvShape, kafkaEnvShape, parseEnv, privacyEnvShape, redisEnvShape, registryEnvShape, serviceEnvShape } from '@driftline/service-kit';
import type { ConfigProblem, EnvRecord } from '@driftline/service-kit';
import { TopicRole, durationEnv as duration } from '@driftline/schemas';

const prefix = z.string().regex(/^[^{}\s]+$/, 'must not contain braces or spaces');
const DAY = 86_400_000;

export const eraserConfigSchema = z.object({
  ...kafkaEnvShape,
  ...registryEnvShape,
  ...redisEnvShape,
  ...privacyEnvShape,
  ...consumerEnvShape,
  ...serviceEnvShape,
  DRIFTLINE_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'may only hold [A-Za-z0-9._-]').default(''),
  ERASER_GROUP_ID: z.string().min(1).default('driftline-eraser'),
  ERASER_REQUESTS_GROUP_ID: z.string().min(1).default('driftline-eraser-requests'),
  ERASER_KEY_PREFIX: prefix.default('dl:erase:'),
  ERASER_JOINER_KEY_PREFIX: prefix.default('dl:join:'),
  DRIFTLINE_ERASURE_DEADLINE_DAYS: z.coerce.number().positive().default(30),
  ERASER_DEFAULT_MODE: z.enum(['delete', 'anonymize']).default('delete'),
  ERASER_INDEX_TTL: duration.default(8 * DAY),
  ERASER_ORPHAN_TTL: duration.default(DAY),
  ERASER_LATE_RECORD_GUARD: duration.default(8 * DAY),
  ERASER_DOWNSTREAM_WAIT: duration.default(60_000),
  ERASER_AGGREGATOR_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ERASER_AGGREGATOR_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  ERASER_EXPORT_TTL: duration.default(3_600_000),
  API_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
});

type EraserEnv = z.output<typeof eraserConfigSchema>;

export interface EraserTopics {
  readonly predictions: string;
  readonly labels: string;
  readonly outcomes: string;
  readonly deadLetters: string;
  readonly requests: string;
  readonly receipts: string;
  readonly monitors: string;
}

export interface EraserConfig extends EraserEnv {
  readonly topics: EraserTopics;
}

function checkGroups(env: EraserEnv): ConfigProblem[] {
  return env.ERASER_GROUP_ID === env.ERASER_REQUESTS_GROUP_ID ? [{ variable: 'ERASER_REQUESTS_GROUP_ID', message: 'must differ from ERASER_GROUP_ID (the index and the requests are consumed apart)' }] : [];
}

function checkAggregator(env: EraserEnv): ConfigProblem[] {
  return env.ERASER_AGGREGATOR_TOKEN !== undefined && env.ERASER_AGGREGATOR_URL === undefined ? [{ variable: 'ERASER_AGGREGATOR_TOKEN', message: 'needs ERASER_AGGREGATOR_URL' }] : [];
}

function toTopics(env: EraserEnv): EraserTopics {
  const name = (role: TopicRole): string => `${env.DRIFTLINE_TOPIC_PREFIX}${role}`;
  return {
    predictions: name(TopicRole.PREDICTIONS), labels: name(TopicRole.LABELS), outcomes: name(TopicRole.OUTCOMES), deadLetters: name(TopicRole.DEAD_LETTERS),
    requests: name(TopicRole.ERASURE_REQUESTS), receipts: name(TopicRole.ERASURE_RECEIPTS), monitors: name(TopicRole.MONITORS),
  };
}

/** Validates `env` (every problem at once) and returns the frozen config. Throws ConfigError (DL_CONFIG_INVALID). */
export function loadConfig(env: EnvRecord): Readonly<EraserConfig> {
  const parsed = parseEnv(eraserConfigSchema, env, [checkKafkaEnv, checkRegistryEnv, checkRedisEnv, checkConsumerEnv, checkGroups, checkAggregator]);
  return Object.freeze({ ...parsed, topics: Object.freeze(toTopics(parsed)) });
}
