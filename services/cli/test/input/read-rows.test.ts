import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachRow, toInputFormat } from '../../src/input/read-rows.ts';
import type { InputRow } from '../../src/input/input-row.ts';
import type { CsvColumnType } from '../../src/input/parse-csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'driftline-rows-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function read(name: string, text: string, columnTypes = new Map<string, CsvColumnType>()): Promise<{ rows: InputRow[]; badLines: number; firstBad: readonly string[] }> {
  const file = join(dir, name);
  writeFileSync(file, text);
  const rows: InputRow[] = [];
  // Rows are only valid during the callback (the CSV reader refills one object), so keep copies.
  const summary = await forEachRow(file, { format: toInputFormat(file), columnTypes }, (row) => { rows.push({ ...row, features: { ...row.features } }); });
  expect(summary.rows).toBe(rows.length);
  return { rows, badLines: summary.badLines, firstBad: summary.firstBad };
}

describe('forEachRow', () => {
  it('reads the actual label or value: beside features (Outcome shape) or as actual_* columns', async () => {
    const jsonl = await read('actual.jsonl', [
      '{"features":{"age":41},"prediction":{"label":"approve"},"label":"decline"}',
      '{"age":30,"actual_label":"approve"}',
      '{"age":22,"label":"x"}',
    ].join('\n'));
    expect(jsonl.rows.map((r) => r.actual)).toEqual([{ label: 'decline', value: undefined }, { label: 'approve', value: undefined }, undefined]);
    const csv = await read('actual.csv', 'age,actual_value\n41,3.5\n30,\n', new Map([['age', 'numeric'], ['actual_value', 'numeric']]));
    expect(csv.rows.map((r) => r.actual)).toEqual([{ label: undefined, value: 3.5 }, undefined]);
  });

  it('reads PredictionLog and flat JSONL rows, and names bad lines without stopping', async () => {
    const { rows, badLines, firstBad } = await read('a.jsonl', [
      '{"requestId":"r1","features":{"age":41},"prediction":{"score":0.8,"label":"approve"},"slice":{"region":"eu"}}',
      '',
      'not json',
      '{"age":30,"region":"us","prediction_score":0.1}',
      '[1,2]',
      '{"age":22}',
    ].join('\r\n'));
    expect(rows.map((r) => r.features['age'])).toEqual([41, 30, 22]);
    expect(rows[0]?.slice).toEqual({ region: 'eu' });
    expect(rows[0]?.prediction).toEqual({ score: 0.8, label: 'approve' });
    expect(rows[1]?.prediction).toEqual({ score: 0.1, label: undefined });
    expect(rows[2]?.prediction).toBeUndefined();
    expect(badLines).toBe(2);
    expect(firstBad).toEqual(['line 3: not valid JSON', 'line 5: not a JSON object']);
  });

  it('reads CSV with a header, typed by the spec, including a quoted field over two lines', async () => {
    const types = new Map<string, CsvColumnType>([['age', 'numeric'], ['has_card', 'boolean'], ['zip', 'categorical']]);
    const { rows, badLines } = await read('b.csv', 'age,has_card,zip,note\n41,true,01234,"two\nlines"\n,false,,x\n1,2\n', types);
    expect(rows.map((r) => r.features)).toEqual([
      { age: 41, has_card: true, zip: '01234', note: 'two\nlines' },
      { has_card: false, note: 'x' },
    ]);
    expect(badLines).toBe(1);
    expect(rows[1]?.features['age']).toBeUndefined(); // an empty cell is missing, not the previous row's value
  });

  it('reads a file whose last line has no newline, across chunk boundaries', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ features: { i, pad: 'x'.repeat(40) } }));
    const { rows } = await read('c.jsonl', lines.join('\n'));
    expect(rows).toHaveLength(30_000);
    expect(rows[29_999]?.features['i']).toBe(29_999);
  });
});
