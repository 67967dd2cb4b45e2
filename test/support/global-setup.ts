// Integration tests get real Kafka, a real schema registry and real Redis (design.md §7):
// 1. from KAFKA_BROKERS, SCHEMA_REGISTRY_URL and REDIS_URL when all three are set;
// 2. else, where a Docker engine answers, from the root docker-compose.yml;
// 3. else from the local stack (deploy/local/stack.sh), started here if it is not running.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { STACK_VARIABLES } from './stack-env.ts';
import { repoRoot } from './repo-root.ts';

export default function setup(project: TestProject): void {
  const env = ensureStack();
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  project.provide('stackEnv', env);
}

/**
 * The stack's addresses (the three variables, plus KAFKA_SASL_BROKERS when there is one), from the
 * environment, else from a stack started here (Docker Compose or deploy/local/stack.sh; idempotent).
 * Also used by `npm run demo` (test/demo).
 */
export function ensureStack(): Record<string, string> {
  const given = STACK_VARIABLES.filter((v) => (process.env[v] ?? '') !== '');
  let env: Record<string, string>;
  if (given.length === STACK_VARIABLES.length) {
    env = Object.fromEntries(STACK_VARIABLES.map((v) => [v, process.env[v] ?? '']));
  } else if (given.length > 0) {
    throw new Error(`Set all of ${STACK_VARIABLES.join(', ')} or none of them (only ${given.join(', ')} set).`);
  } else if (dockerEngineAnswers()) {
    execFileSync('docker', ['compose', 'up', '-d', '--wait', 'kafka', 'schema-registry', 'redis'], { cwd: repoRoot, stdio: 'inherit' });
    env = { KAFKA_BROKERS: '127.0.0.1:9092', SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7', REDIS_URL: 'redis://127.0.0.1:6379' };
  } else {
    execFileSync('bash', [join(repoRoot, 'deploy/local/stack.sh'), 'up'], { cwd: repoRoot, stdio: 'inherit' });
    env = parseEnvFile(readFileSync(join(repoRoot, '.stack/env'), 'utf8'));
  }
  for (const name of ['KAFKA_SASL_BROKERS', 'KAFKA_SASL_LISTENER_MECHANISMS', 'KAFKA_TLS_BROKERS', 'KAFKA_TLS_LISTENER_DIR']) {
    const value = process.env[name] ?? env[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  return env;
}

function dockerEngineAnswers(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 5000 });
  return result.status === 0;
}

/** The local stack's env file: the three addresses, plus its SASL and TLS listeners (KAFKA_SASL_*, KAFKA_TLS_*). */
function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined) env[m[1]] = m[2];
  }
  for (const v of STACK_VARIABLES) if (env[v] === undefined) throw new Error(`.stack/env does not define ${v}`);
  return env;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stackEnv: Record<string, string>;
  }
}
