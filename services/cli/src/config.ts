// The CLI's configuration: connection variables shared with the services (README config table).
import { z } from 'zod';
import { parseEnv, kafkaEnvShape, registryEnvShape, checkKafkaEnv, checkRegistryEnv } from '@driftline/service-kit';
import type { EnvRecord } from '@driftline/service-kit';
import { tracingEnvShape } from '@driftline/tracing';

export const cliConfigSchema = z.object({
  ...kafkaEnvShape,
  ...registryEnvShape,
  ...tracingEnvShape,
  DRIFTLINE_ERASURE_DEADLINE_DAYS: z.coerce.number().positive().default(30),
  DRIFTLINE_RETENTION_DAYS: z.coerce.number().positive().default(7),
  DRIFTLINE_PARTITIONS: z.coerce.number().int().positive().default(6),
  DRIFTLINE_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
});

export type CliConfig = z.output<typeof cliConfigSchema>;

export function loadConfig(env: EnvRecord): Readonly<CliConfig> {
  return parseEnv(cliConfigSchema, env, [checkKafkaEnv, checkRegistryEnv]);
}

/** Where `driftline retrain` finds the trigger; separate from the Kafka settings, which it does not need. */
export const triggerClientConfigSchema = z.object({
  DRIFTLINE_TRIGGER_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default('http://127.0.0.1:9467'),
  DRIFTLINE_TRIGGER_TOKEN: z.string().min(1).optional(),
});

export type TriggerClientConfig = z.output<typeof triggerClientConfigSchema>;

export function loadTriggerClientConfig(env: EnvRecord): Readonly<TriggerClientConfig> {
  return parseEnv(triggerClientConfigSchema, env);
}
