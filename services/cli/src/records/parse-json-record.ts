// JSON (one line of a .jsonl file) to a value of an Avro record type, with every problem named by
// its path. Timestamps may be ISO-8601 strings or epoch milliseconds.
import type avro from 'avsc';

export type ParseResult =
  | { readonly ok: true; readonly value: unknown; readonly key: string }
  | { readonly ok: false; readonly reason: string };

/** Top-level fields of a record schema whose type (or a union branch) is timestamp-millis. */
export function toTimestampFields(schema: { fields?: readonly { name: string; type: unknown }[] }): Set<string> {
  const isTimestamp = (t: unknown): boolean =>
    Array.isArray(t) ? t.some(isTimestamp) : typeof t === 'object' && t !== null && (t as { logicalType?: unknown }).logicalType === 'timestamp-millis';
  return new Set((schema.fields ?? []).filter((f) => isTimestamp(f.type)).map((f) => f.name));
}

export function parseJsonRecord(line: string, type: avro.Type, keyField: string, timestampFields: ReadonlySet<string>): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'expected a JSON object' };
  const record: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  const problems: string[] = [];
  const badTimestamps = new Set<string>();
  for (const field of timestampFields) {
    const value = record[field];
    if (typeof value === 'string') {
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) { problems.push(`${field}: "${value}" is not an ISO-8601 date or epoch milliseconds`); badTimestamps.add(field); }
      else record[field] = ms;
    }
  }
  type.isValid(record, {
    errorHook: (path: string[], value: unknown) => {
      if (path.length === 1 && badTimestamps.has(path[0] ?? '')) return; // already named above
      problems.push(`${path.join('.') || '(record)'}: ${value === undefined ? 'missing' : `unexpected ${JSON.stringify(value)}`}`);
    },
  });
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  const key = record[keyField];
  if (typeof key !== 'string' || key.length === 0) return { ok: false, reason: `${keyField}: missing key field` };
  return { ok: true, value: record, key };
}
