// Errors of the demo runner (style rule 18). Every code is documented in docs/errors.md.

export const demoErrorCodes = {
  /** A command-line option is invalid (unknown, not a number, or the simulated span too short). */
  DL_DEMO_INVALID_OPTION: 'DL_DEMO_INVALID_OPTION',
  /** A `driftline` CLI step of the setup (topics, baseline, monitor apply) failed. */
  DL_DEMO_COMMAND_FAILED: 'DL_DEMO_COMMAND_FAILED',
  /** A service exited, or did not become ready in time. */
  DL_DEMO_SERVICE_FAILED: 'DL_DEMO_SERVICE_FAILED',
} as const;
export type DemoErrorCode = (typeof demoErrorCodes)[keyof typeof demoErrorCodes];

export interface DemoErrorContext {
  readonly service?: string;
  readonly option?: string;
  readonly command?: string;
  /** Where the failing process wrote its output. */
  readonly logFile?: string;
}

export class DemoError extends Error {
  readonly code: DemoErrorCode;
  readonly retriable = false;
  readonly context: DemoErrorContext;

  constructor(options: { code: DemoErrorCode; message: string; context?: DemoErrorContext; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'DemoError';
    this.code = options.code;
    this.context = options.context ?? {};
  }
}

const codes = new Set<string>(Object.values(demoErrorCodes));

/** Recognises a DemoError by its code (style rule 18). */
export function isDemoError(error: unknown): error is DemoError {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && codes.has(error.code);
}
