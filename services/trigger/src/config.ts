// The trigger's configuration, from the environment (services/trigger/README.md config table).
import { z } from 'zod';
import { checkConsumerEnv, checkKafkaEnv, checkRegistryEnv, checkRedisEnv, consumerEnvShape, kafkaEnvShape, parseEnv, redisEnvShape, registryEnvShape, serviceEnvShape } from '@driftline/service-kit';
import type { ConfigProblem, EnvRecord } from '@driftline/service-kit';
import { durationEnv as duration } from '@driftline/schemas';
import { tracingEnvShape } from '@driftline/tracing';

const bool = z.enum(['true', 'false']).transform((s) => s === 'true');
const channels = z.string().transform((text, ctx) => {
  const list = text.split(',').map((c) => c.trim()).filter((c) => c !== '');
  const known = list.filter((c): c is 'log' | 'webhook' => c === 'log' || c === 'webhook');
  if (known.length < list.length) {
    ctx.addIssue({ code: 'custom', message: `unknown channel(s) ${list.filter((c) => c !== 'log' && c !== 'webhook').join(', ')}: use log and/or webhook` });
    return z.NEVER;
  }
  return known;
});

export const triggerConfigSchema = z.object({
  ...kafkaEnvShape,
  ...registryEnvShape,
  ...redisEnvShape,
  ...consumerEnvShape,
  ...serviceEnvShape,
  ...tracingEnvShape,
  TRIGGER_GROUP_ID: z.string().min(1).default('driftline-trigger'),
  DRIFTLINE_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'may only hold [A-Za-z0-9._-]').default(''),
  DRIFTLINE_REDIS_PREFIX: z.string().regex(/^[^{}\s]+$/, 'must not be empty or contain braces or spaces').default('dl:'),
  TRIGGER_TICK_INTERVAL: duration.default(10_000),
  TRIGGER_OPEN_REQUEST_TIMEOUT: duration.default(86_400_000),
  TRIGGER_OUTBOX_LEASE: duration.default(120_000),
  TRIGGER_NOTIFY: channels.optional(),
  TRIGGER_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  TRIGGER_WEBHOOK_TOKEN: z.string().min(1).optional(),
  TRIGGER_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  TRIGGER_WEBHOOK_TIMEOUT: duration.default(5_000),
  TRIGGER_WEBHOOK_BACKOFF: duration.default(500),
  TRIGGER_WEBHOOK_MAX_BACKOFF: duration.default(10_000),
  API_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  DEFAULT_METRICS: bool.default(true),
});

type TriggerEnv = z.output<typeof triggerConfigSchema>;

export interface TriggerConfig extends TriggerEnv {
  /** Where requests are announced besides the topic: `log`, and `webhook` when a URL is set (unless TRIGGER_NOTIFY says otherwise). */
  readonly channels: readonly ('log' | 'webhook')[];
}

/** Longest time one webhook delivery can take: every attempt timing out, every backoff at its cap. */
export function toWebhookBudgetMs(env: Pick<TriggerEnv, 'TRIGGER_WEBHOOK_ATTEMPTS' | 'TRIGGER_WEBHOOK_TIMEOUT' | 'TRIGGER_WEBHOOK_MAX_BACKOFF'>): number {
  return env.TRIGGER_WEBHOOK_ATTEMPTS * env.TRIGGER_WEBHOOK_TIMEOUT + (env.TRIGGER_WEBHOOK_ATTEMPTS - 1) * env.TRIGGER_WEBHOOK_MAX_BACKOFF;
}

function checkTrigger(env: TriggerEnv): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (env.TRIGGER_NOTIFY?.includes('webhook') === true && env.TRIGGER_WEBHOOK_URL === undefined) {
    problems.push({ variable: 'TRIGGER_NOTIFY', message: 'lists webhook but TRIGGER_WEBHOOK_URL is not set' });
  }
  if (env.TRIGGER_WEBHOOK_TOKEN !== undefined && env.TRIGGER_WEBHOOK_URL === undefined) {
    problems.push({ variable: 'TRIGGER_WEBHOOK_TOKEN', message: 'is set but TRIGGER_WEBHOOK_URL is not' });
  }
  if (env.TRIGGER_WEBHOOK_BACKOFF > env.TRIGGER_WEBHOOK_MAX_BACKOFF) {
    problems.push({ variable: 'TRIGGER_WEBHOOK_BACKOFF', message: 'must not exceed TRIGGER_WEBHOOK_MAX_BACKOFF' });
  }
  const budget = toWebhookBudgetMs(env);
  if (toChannels(env).includes('webhook') && env.TRIGGER_OUTBOX_LEASE <= budget) {
    problems.push({ variable: 'TRIGGER_OUTBOX_LEASE', message: `must exceed the longest webhook delivery (${budget} ms = attempts × timeout + (attempts − 1) × max backoff), else another instance may deliver the same request meanwhile` });
  }
  if (env.TRIGGER_OPEN_REQUEST_TIMEOUT < env.TRIGGER_TICK_INTERVAL) {
    problems.push({ variable: 'TRIGGER_OPEN_REQUEST_TIMEOUT', message: 'must be at least TRIGGER_TICK_INTERVAL (timeouts are checked on ticks)' });
  }
  return problems;
}

function toChannels(env: Pick<TriggerEnv, 'TRIGGER_NOTIFY' | 'TRIGGER_WEBHOOK_URL'>): ('log' | 'webhook')[] {
  const defaults: ('log' | 'webhook')[] = env.TRIGGER_WEBHOOK_URL === undefined ? ['log'] : ['log', 'webhook'];
  return [...new Set(env.TRIGGER_NOTIFY ?? defaults)];
}

/** Validates `env` (every problem at once) and returns the frozen config. Throws ConfigError (DL_CONFIG_INVALID). */
export function loadConfig(env: EnvRecord): Readonly<TriggerConfig> {
  const parsed = parseEnv(triggerConfigSchema, env, [checkKafkaEnv, checkRegistryEnv, checkRedisEnv, checkConsumerEnv, checkTrigger]);
  return Object.freeze({ ...parsed, channels: Object.freeze(toChannels(parsed)) });
}
