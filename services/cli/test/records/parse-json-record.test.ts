import { describe, expect, it } from 'vitest';
import avro from 'avsc';
import { predictionLogSchema } from '@driftline/schemas';
import { parseJsonRecord, toTimestampFields } from '../../src/records/parse-json-record.ts';

const type = avro.Type.forSchema(predictionLogSchema as unknown as avro.Schema, { wrapUnions: false });
const timestampFields = toTimestampFields(predictionLogSchema);

const valid = {
  requestId: 'req-1',
  modelId: 'churn',
  modelVersion: '3',
  timestamp: 1767225600000,
  features: { age: 42, plan: 'pro', active: true, referrer: null },
  prediction: { label: 'churn', score: 0.9 },
  slice: { region: 'eu' },
  subjectId: 'user-1',
};

/** A copy of the valid record without the named fields. */
const without = (...fields: string[]): Record<string, unknown> => Object.fromEntries(Object.entries(valid).filter(([k]) => !fields.includes(k)));

const parse = (json: unknown): ReturnType<typeof parseJsonRecord> =>
  parseJsonRecord(typeof json === 'string' ? json : JSON.stringify(json), type, 'requestId', timestampFields);

function reasonOf(result: ReturnType<typeof parseJsonRecord>): string {
  if (result.ok) throw new Error('expected the line to be refused');
  return result.reason;
}

describe('toTimestampFields', () => {
  it('finds the top-level timestamp-millis fields, also inside unions', () => {
    const schema = { fields: [
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'maybeAt', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }] },
      { name: 'count', type: 'long' },
      { name: 'day', type: { type: 'int', logicalType: 'date' } },
    ] };

    expect(toTimestampFields(schema)).toEqual(new Set(['at', 'maybeAt']));
  });

  it('finds the PredictionLog event time', () => {
    expect(toTimestampFields(predictionLogSchema)).toEqual(new Set(['timestamp']));
  });
});

describe('parseJsonRecord', () => {
  it('accepts a valid record and returns it with its key', () => {
    expect(parse(valid)).toEqual({ ok: true, value: valid, key: 'req-1' });
  });

  it('accepts a record that leaves out fields that have defaults', () => {
    expect(parse({ ...without('slice', 'subjectId'), prediction: {} }).ok).toBe(true);
  });

  it('accepts epoch milliseconds as a timestamp', () => {
    const result = parse({ ...valid, timestamp: 0 });

    expect(result.ok && (result.value as { timestamp: number }).timestamp).toBe(0);
  });

  it.each([
    ['2026-01-01T00:00:00Z', 1767225600000],
    ['2026-01-01T01:00:00+01:00', 1767225600000],
    ['2026-01-01T00:00:00.250Z', 1767225600250],
  ])('converts the ISO-8601 timestamp %s to epoch milliseconds', (iso, ms) => {
    const result = parse({ ...valid, timestamp: iso });

    expect(result.ok && (result.value as { timestamp: number }).timestamp).toBe(ms);
  });

  it('refuses a timestamp string that is not a date, naming the field', () => {
    expect(reasonOf(parse({ ...valid, timestamp: 'yesterday' }))).toMatch(/^timestamp: "yesterday" is not an ISO-8601 date/);
  });

  it('names a field of the wrong type by its path', () => {
    expect(reasonOf(parse({ ...valid, modelVersion: 3 }))).toBe('modelVersion: unexpected 3');
  });

  it('names a nested bad field by its dotted path', () => {
    expect(reasonOf(parse({ ...valid, prediction: { label: 'churn', score: 'high' } }))).toContain('prediction.score: unexpected "high"');
  });

  it('names a bad map value by its key', () => {
    expect(reasonOf(parse({ ...valid, features: { age: { years: 42 } } }))).toContain('features.age');
  });

  it('names every bad field at once', () => {
    const reason = reasonOf(parse({ ...valid, modelId: null, modelVersion: 3, prediction: { label: 7, score: null } }));

    expect(reason).toContain('modelId');
    expect(reason).toContain('modelVersion');
    expect(reason).toContain('prediction.label');
  });

  it('names a missing required field as missing', () => {
    expect(reasonOf(parse(without('modelId')))).toBe('modelId: missing');
  });

  it('names a bad timestamp together with the other bad fields', () => {
    const reason = reasonOf(parse({ ...valid, timestamp: 'soon', modelVersion: 3 }));

    expect(reason).toContain('timestamp');
    expect(reason).toContain('modelVersion');
  });

  it.each([
    ['an array', '[1, 2]'],
    ['a string', '"req-1"'],
    ['a number', '42'],
    ['null', 'null'],
  ])('refuses %s, which is not a JSON object', (_what, line) => {
    expect(reasonOf(parse(line))).toBe('expected a JSON object');
  });

  it('refuses a line that is not JSON, saying so', () => {
    expect(reasonOf(parse('{"requestId": '))).toMatch(/^not valid JSON/);
  });

  it('refuses an empty key field', () => {
    expect(reasonOf(parse({ ...valid, requestId: '' }))).toBe('requestId: missing key field');
  });

  it('refuses a record whose key field is missing, naming it', () => {
    expect(reasonOf(parse(without('requestId')))).toContain('requestId');
  });

  it('uses the given key field', () => {
    const result = parseJsonRecord(JSON.stringify(valid), type, 'modelId', timestampFields);

    expect(result.ok && result.key).toBe('churn');
  });
});
