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
  /** A SASL listener of the same broker, when the stack has one (the local stack does). */
  readonly kafkaSaslBrokers: string[] | undefined;
  /** The mechanisms that listener takes for user driftline (`plain` when not said). */
  readonly kafkaSaslMechanisms: readonly string[];
  /** A TLS listener that requires client certificates, with the directory of ca.crt, client.crt and client.key. */
  readonly kafkaTls: { readonly brokers: string[]; readonly dir: string } | undefined;
}

export function stackEnv(): StackEnv {
  const vars = inject('stackEnv');
  const get = (name: (typeof STACK_VARIABLES)[number]): string => {
    const value = vars[name];
    if (value === undefined || value === '') throw new Error(`${name} is not set: the integration global setup did not run`);
    return value;
  };
  const sasl = vars['KAFKA_SASL_BROKERS'];
  const tlsBrokers = vars['KAFKA_TLS_BROKERS'];
  const tlsDir = vars['KAFKA_TLS_LISTENER_DIR'];
  const three = Object.fromEntries(STACK_VARIABLES.map((v) => [v, get(v)]));
  return { kafkaBrokers: get('KAFKA_BROKERS').split(','), registryUrl: get('SCHEMA_REGISTRY_URL'), redisUrl: get('REDIS_URL'), vars: three,
    kafkaSaslBrokers: sasl === undefined || sasl === '' ? undefined : sasl.split(','),
    kafkaSaslMechanisms: (vars['KAFKA_SASL_LISTENER_MECHANISMS'] ?? 'plain').split(','),
    kafkaTls: tlsBrokers === undefined || tlsDir === undefined ? undefined : { brokers: tlsBrokers.split(','), dir: tlsDir } };
}
