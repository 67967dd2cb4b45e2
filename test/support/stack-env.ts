// Addresses of the stack under test (rule 36: from env, never guessed).
import { inject } from 'vitest';

export const STACK_VARIABLES = ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'REDIS_URL'] as const;
export { repoRoot } from './repo-root.ts';

export interface StackEnv {
  readonly kafkaBrokers: string[];
  readonly registryUrl: string;
  readonly redisUrl: string;
  /** The three variables, to pass to child processes. */
  readonly vars: Readonly<Record<string, string>>;
  /** A SASL/PLAIN listener of the same broker, when the stack has one (the local stack does). */
  readonly kafkaSaslBrokers: string[] | undefined;
}

export function stackEnv(): StackEnv {
  const vars = inject('stackEnv');
  const get = (name: (typeof STACK_VARIABLES)[number]): string => {
    const value = vars[name];
    if (value === undefined || value === '') throw new Error(`${name} is not set: the integration global setup did not run`);
    return value;
  };
  const sasl = vars['KAFKA_SASL_BROKERS'];
  const three = Object.fromEntries(STACK_VARIABLES.map((v) => [v, get(v)]));
  return { kafkaBrokers: get('KAFKA_BROKERS').split(','), registryUrl: get('SCHEMA_REGISTRY_URL'), redisUrl: get('REDIS_URL'), vars: three, kafkaSaslBrokers: sasl === undefined || sasl === '' ? undefined : sasl.split(',') };
}
