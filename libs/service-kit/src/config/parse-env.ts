// Validates an env record against a zod schema and reports every problem at once, by variable.
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import type { ConfigProblem } from '../errors.ts';

export type EnvRecord = Readonly<Record<string, string | undefined>>;

/** A cross-field check: returns the problems it finds in an already-typed config. */
export type ConfigCheck<T> = (config: T) => ConfigProblem[];

export function parseEnv<S extends z.ZodType>(schema: S, env: EnvRecord, checks: readonly ConfigCheck<z.output<S>>[] = []): Readonly<z.output<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => ({ variable: issue.path.map(String).join('.') || '(env)', message: issue.message })));
  }
  const problems = checks.flatMap((check) => check(result.data));
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
