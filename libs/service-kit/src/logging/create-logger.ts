// Structured JSON logs (pino), one object per line on stdout. Personal data never reaches a log line:
// known personal fields (and secrets) are redacted as a last line of defence, at the top level and
// two levels down; callers log pseudonyms only.
import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';

const redactedFields = ['subjectId', 'features', 'password', 'token', 'pepper', 'authorization'] as const;

export const redactedPaths: readonly string[] = redactedFields.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/**
 * A logger for `service` at `level` (`LOG_LEVEL`: fatal … trace, or silent). Lines carry `service`,
 * an ISO `time` and a numeric `level`. `destination` defaults to stdout (tests pass their own).
 */
export function createLogger(options: { service: string; level: string; destination?: DestinationStream }): Logger {
  return pino({
    name: options.service,
    level: options.level,
    base: { service: options.service },
    redact: { paths: [...redactedPaths], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  }, options.destination);
}

export type { Logger };
