// Errors of @driftline/service-kit (style rule 18). Every code is documented in docs/errors.md.
export const serviceKitErrorCodes = {
  DL_CONFIG_INVALID: 'DL_CONFIG_INVALID',
} as const;
export type ServiceKitErrorCode = (typeof serviceKitErrorCodes)[keyof typeof serviceKitErrorCodes];

export interface ConfigProblem {
  /** The environment variable (or config path) at fault. */
  readonly variable: string;
  readonly message: string;
}

/** Every configuration problem at once, each with its variable name (style rule 22). */
export class ConfigError extends Error {
  readonly code: ServiceKitErrorCode = serviceKitErrorCodes.DL_CONFIG_INVALID;
  readonly retriable = false;
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === serviceKitErrorCodes.DL_CONFIG_INVALID;
}
