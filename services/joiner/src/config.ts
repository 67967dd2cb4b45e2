// The joiner's configuration (README "Configuration" lists every key: env var, type, default, meaning).
import { z } from 'zod';
import { parseEnv, kafkaEnvShape, registryEnvShape, redisEnvShape, privacyEnvShape, consumerEnvShape, serviceEnvShape, checkKafkaEnv, checkRegistryEnv, checkRedisEnv, checkConsumerEnv } from '@driftline/service-kit';
import type { ConfigProblem, EnvRecord } from '@driftline/service-kit';
import { TopicRole, durationEnv as duration } from '@driftline/schemas';
import { tracingEnvShape } from '@driftline/tracing';

const topicName = z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name ([A-Za-z0-9._-])').optional();

export const joinerConfigSchema = z.object({
  ...kafkaEnvShape,
  ...registryEnvShape,
  ...redisEnvShape,
  ...privacyEnvShape,
  ...consumerEnvShape,
  ...serviceEnvShape,
  ...tracingEnvShape,
  DRIFTLINE_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'may only hold [A-Za-z0-9._-]').default(''),
  JOINER_PREDICTIONS_TOPIC: topicName,
  JOINER_LABELS_TOPIC: topicName,
  JOINER_OUTCOMES_TOPIC: topicName,
  JOINER_DEAD_LETTERS_TOPIC: topicName,
  DRIFTLINE_SERVICE_GROUP: z.string().min(1).default('driftline-joiner'),
  JOIN_WINDOW: duration.default(7 * 86_400_000),
  JOIN_GRACE: duration.default(300_000),
  PENDING_TTL: duration.default(8 * 86_400_000),
  JOINER_KEY_PREFIX: z.string().regex(/^[^{}\s]+$/, 'must not contain braces or spaces').default('dl:join:'),
});

type JoinerEnv = z.output<typeof joinerConfigSchema>;

export interface JoinerConfig extends JoinerEnv {
  readonly topics: { readonly predictions: string; readonly labels: string; readonly outcomes: string; readonly deadLetters: string };
}

/** Pending entries must outlive the window plus the grace, or a late label finds nothing to join. */
function checkDurations(env: JoinerEnv): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (env.PENDING_TTL < env.JOIN_WINDOW + env.JOIN_GRACE) {
    problems.push({ variable: 'PENDING_TTL', message: `must be at least JOIN_WINDOW + JOIN_GRACE (${env.JOIN_WINDOW + env.JOIN_GRACE} ms), else predictions expire before their labels may arrive` });
  }
  return problems;
}

function checkTopics(env: JoinerEnv): ConfigProblem[] {
  const topics = toTopics(env);
  const problems: ConfigProblem[] = [];
  if (topics.predictions === topics.labels) problems.push({ variable: 'JOINER_LABELS_TOPIC', message: 'must differ from the predictions topic' });
  if (topics.outcomes === topics.predictions || topics.outcomes === topics.labels) problems.push({ variable: 'JOINER_OUTCOMES_TOPIC', message: 'must differ from the input topics' });
  return problems;
}

function toTopics(env: JoinerEnv): JoinerConfig['topics'] {
  const name = (override: string | undefined, role: TopicRole): string => override ?? `${env.DRIFTLINE_TOPIC_PREFIX}${role}`;
  return {
    predictions: name(env.JOINER_PREDICTIONS_TOPIC, TopicRole.PREDICTIONS),
    labels: name(env.JOINER_LABELS_TOPIC, TopicRole.LABELS),
    outcomes: name(env.JOINER_OUTCOMES_TOPIC, TopicRole.OUTCOMES),
    deadLetters: name(env.JOINER_DEAD_LETTERS_TOPIC, TopicRole.DEAD_LETTERS),
  };
}

/** Validates `env` (every problem at once) and returns the frozen config. Throws ConfigError (DL_CONFIG_INVALID). */
export function loadConfig(env: EnvRecord): Readonly<JoinerConfig> {
  const parsed = parseEnv(joinerConfigSchema, env, [checkKafkaEnv, checkRegistryEnv, checkRedisEnv, checkConsumerEnv, checkDurations, checkTopics]);
  return Object.freeze({ ...parsed, topics: Object.freeze(toTopics(parsed)) });
}
