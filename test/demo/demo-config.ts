// The demo's environment: the shared connection variables (root README) as the CLI reads them, so
// it runs against the local stack or any Kafka, registry and Redis the services can reach.
import { loadConfig } from '@driftline/cli';
import type { CliConfig } from '@driftline/cli';
import type { EnvRecord } from '@driftline/service-kit';

export interface DemoConfig {
  readonly connection: Readonly<CliConfig>;
  readonly redis: { readonly url: string; readonly username?: string; readonly password?: string };
}

/** Validates `env` (every problem at once; throws ConfigError, DL_CONFIG_INVALID). */
export function loadDemoConfig(env: EnvRecord): DemoConfig {
  const connection = loadConfig(env);
  const { REDIS_URL: url = '', REDIS_USERNAME: username, REDIS_PASSWORD: password } = env;
  return { connection, redis: { url, ...(username === undefined ? {} : { username }), ...(password === undefined ? {} : { password }) } };
}
