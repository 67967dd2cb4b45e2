// The options the subject commands share, and the parsing of `--set name=value`.
import { toDurationMs } from '@driftline/schemas';
import { UsageError, stringOption } from '../commands/command.ts';
import type { OptionValues } from '../commands/command.ts';
import type { SubjectClientConfig } from './subject-client.ts';

export const subjectOptions = {
  prefix: { type: 'string', default: '' },
  timeout: { type: 'string', default: '2m' },
  'no-wait': { type: 'boolean', default: false },
  url: { type: 'string' },
  token: { type: 'string' },
} as const;

/** Topic prefix, whether and how long to wait for the receipt, and where the eraser is. */
export function toSubjectWait(values: OptionValues, client: Readonly<SubjectClientConfig>): { prefix: string; wait: boolean; timeoutMs: number; eraserUrl: string; eraserToken?: string } {
  const timeout = stringOption(values, 'timeout') ?? '2m';
  const timeoutMs = toDurationMs(/^\d+$/.test(timeout) ? Number(timeout) : timeout);
  if (timeoutMs === undefined || timeoutMs <= 0) throw new UsageError(`--timeout must be a duration such as 90s or 2m, not "${timeout}"`);
  const token = stringOption(values, 'token') ?? client.DRIFTLINE_ERASER_TOKEN;
  return {
    prefix: stringOption(values, 'prefix') ?? '', wait: values['no-wait'] !== true, timeoutMs, eraserUrl: stringOption(values, 'url') ?? client.DRIFTLINE_ERASER_URL,
    ...(token === undefined ? {} : { eraserToken: token }),
  };
}

/** `--set age=42 --set slice.region=eu`: a value that reads as JSON (number, true, false, null, "text") is taken as such, else as text. */
export function parseChanges(values: OptionValues): Record<string, null | boolean | number | string> {
  const raw: unknown = (values as Record<string, unknown>)['set'];
  const items = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : typeof raw === 'string' ? [raw] : [];
  if (items.length === 0) throw new UsageError('rectify needs at least one --set <name>=<value>');
  const changes: Record<string, null | boolean | number | string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes <name>=<value>, not "${item}"`);
    changes[item.slice(0, eq)] = toValue(item.slice(eq + 1));
  }
  return changes;
}

function toValue(text: string): null | boolean | number | string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed === 'boolean' || typeof parsed === 'number' || typeof parsed === 'string') return parsed;
  } catch {
    // not JSON: plain text
  }
  return text;
}
