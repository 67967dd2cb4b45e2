// Structured JSON logs (pino). Personal data never reaches a log line: known personal fields are
// redacted as a last line of defence; callers log pseudonyms only.
import { pino } from 'pino';
import type { Logger } from 'pino';

export const redactedPaths = ['subjectId', '*.subjectId', 'features', '*.features', 'password', '*.password', 'token', '*.token'] as const;

export function createLogger(options: { service: string; level: string }): Logger {
  return pino({
    name: options.service,
    level: options.level,
    base: { service: options.service },
    redact: { paths: [...redactedPaths], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { Logger };
