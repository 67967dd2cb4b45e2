// The CLI's configuration: connection variables shared with the services (README config table).
import { z } from 'zod';
import { parseEnv, kafkaEnvShape, registryEnvShape, checkKafkaEnv, checkRegistryEnv } from '@driftline/service-kit';
import type { EnvRecord } from '@driftline/service-kit';

export const cliConfigSchema = z.object({
  ...kafkaEnvShape,
  ...registryEnvShape,
  DRIFTLINE_ERASURE_DEADLINE_DAYS: z.coerce.number().positive().default(30),
  DRIFTLINE_RETENTION_DAYS: z.coerce.number().positive().default(7),
  DRIFTLINE_PARTITIONS: z.coerce.number().int().positive().default(6),
  DRIFTLINE_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
});

export type CliConfig = z.output<typeof cliConfigSchema>;

export function loadConfig(env: EnvRecord): Readonly<CliConfig> {
  return parseEnv(cliConfigSchema, env, [checkKafkaEnv, checkRegistryEnv]);
}
