import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, it } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { toColumnTypes } from '../../src/commands/baseline.ts';
import { forEachCsvBatch } from '../../src/input/csv-batches.ts';
import { forEachRow } from '../../src/input/read-rows.ts';
import type { ReadSummary } from '../../src/input/read-rows.ts';
import { appendInputRow, commitRow, flushRowBatch } from '../../src/input/row-batch.ts';
import type { RowBatch } from '../../src/input/row-batch.ts';
import { createTestBatch, testSpec, toBatchRecords } from './batch-rows.ts';

const dir = mkdtempSync(join(tmpdir(), 'driftline-csv-batches-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
let files = 0;

function write(text: string): string {
  files += 1;
  const file = join(dir, `t${String(files)}.csv`);
  writeFileSync(file, text);
  return file;
}

type Records = { records: Record<string, unknown>[]; summary: ReadSummary };

/** The fast reader's rows and summary. */
function readFast(file: string, options: { chunkSize: number; capacity: number; dictionaryCapacity: number }): Records {
  const { batch, sliceValues } = createTestBatch(testSpec, options);
  const records: Record<string, unknown>[] = [];
  const summary = forEachCsvBatch(file, { columnTypes: toColumnTypes(testSpec), batch, chunkSize: options.chunkSize }, (b) => { records.push(...toBatchRecords(b, sliceValues)); });
  return { records, summary };
}

/** The row reader's rows, written into batches the general way. */
async function readRows(file: string, options: { capacity: number; dictionaryCapacity: number }): Promise<Records> {
  const { batch, sliceValues } = createTestBatch(testSpec, options);
  const records: Record<string, unknown>[] = [];
  const onBatch = (b: RowBatch): void => { records.push(...toBatchRecords(b, sliceValues)); };
  const summary = await forEachRow(file, { format: 'csv', columnTypes: toColumnTypes(testSpec) }, (row) => { appendInputRow(batch, row); commitRow(batch, onBatch); });
  flushRowBatch(batch, onBatch);
  return { records, summary };
}

const columns = ['age', 'income', 'status', 'city', 'flag', 'email', 'region', 'prediction_score', 'prediction_label', 'actual_label', 'actual_value', 'note'] as const;
const numberish = fc.oneof(
  fc.constantFrom('', '0', '-0', '-0.0', '007', '1.', '.5', '-.5', '1e3', '+1', ' 2', '3 ', 'NaN', 'Infinity', '-Infinity', '0x1f', '1_0', '123456789012345', '1234567890123456', '0.1', '-12.50', '-', '1.2.3'),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: true }).map(String),
  fc.string({ maxLength: 4 }),
);
const textish = fc.oneof(fc.constantFrom('', 'a', 'b', 'c', 'é', 'naïve', 'x y', 'a"b', 'eu', 'us', 'apac', 'approve', 'decline', ' ', 'true', 'TRUE', 'False', '1', '0', ' yes'), fc.string({ maxLength: 4 }));
const cell = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(numberish, textish) },
  { weight: 2, arbitrary: fc.tuple(fc.oneof(numberish, textish), fc.constantFrom('', ',', '\n', '\r\n', '""')).map(([v, extra]) => `"${v.replaceAll('"', '""')}${extra}"`) },
);
const csv = fc.record({
  header: fc.shuffledSubarray([...columns], { minLength: 2 }),
  lines: fc.array(fc.oneof({ weight: 10, arbitrary: fc.array(cell, { minLength: 1, maxLength: 14 }) }, { weight: 1, arbitrary: fc.constantFrom([], [' ']) }), { maxLength: 30 }),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
}).map(({ header, lines, crlf, finalNewline }) => {
  // Most lines get as many cells as the header; some keep a wrong number (bad lines).
  const shaped = lines.map((cells, i) => (i % 5 === 4 || cells.length === 0 ? cells : Array.from({ length: header.length }, (_, j) => cells[j % cells.length] ?? '')));
  const eol = crlf ? '\r\n' : '\n';
  return [header.join(','), ...shaped.map((cells) => cells.join(','))].join(eol) + (finalNewline ? eol : '');
});

describe('forEachCsvBatch', () => {
  it.prop([csv, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 })])(
    'writes the same rows, bad-line reports and line numbers as the row reader (quotes, CRLF, empty cells, odd numbers, any chunk size)',
    async (text, chunkSize, capacity, dictionaryCapacity) => {
      const file = write(text);
      const expected = await readRows(file, { capacity, dictionaryCapacity });
      expect(readFast(file, { chunkSize, capacity, dictionaryCapacity })).toEqual(expected);
    },
  );

  it('reads plain cells from the bytes and the rest the general way, reporting bad lines by number', () => {
    // Arrange: CRLF endings, a quoted field over two lines, a blank line, a short line, odd numbers
    const file = write([
      'age,income,status,city,flag,email,region,prediction_score,prediction_label,actual_label',
      '41,52000.5,a,Paris,true,p@x.org,eu,0.8,decline,approve',
      '-0,1e3,c,"Lyon, FR",TRUE,,us,,,',
      '',
      '007," 12 ",b,"two',
      'lines",0,,apac,0.1,approve,',
      '1,2,3',
      'n/a,Infinity,,é,maybe,q@x.org,eu,x,approve,decline',
    ].join('\r\n'));
    // Act
    const fast = readFast(file, { chunkSize: 16, capacity: 2, dictionaryCapacity: 100 });
    // Assert
    expect(fast.summary).toEqual({ rows: 4, badLines: 1, firstBad: ['line 7: 3 fields, the header has 10'] });
    expect(fast.records.map((r) => [r['age'], r['income'], r['status'], r['city'], r['flag'], r['email']])).toEqual([
      [41, 52000.5, 'a', 'Paris', 'true', { notInDictionary: '(not kept)' }],
      [-0, 1000, 'c', 'Lyon, FR', 'true', undefined],
      [7, 12, 'b', 'two\nlines', 'false', undefined],
      [{ wrongType: true }, Infinity, undefined, 'é', { wrongType: true }, { notInDictionary: '(not kept)' }],
    ]);
    expect(fast.records.map((r) => r['slices'])).toEqual([['0=eu', '1=true'], ['0=us', '1=true'], ['0=apac', '1=false'], ['0=eu', '1=maybe']]);
    expect(fast.records.map((r) => r['prediction'])).toEqual([[0.8, 'decline'], undefined, [0.1, 'approve'], [{ wrongType: true }, 'approve']]);
    expect(fast.records.map((r) => r['outcome'])).toEqual([{ actual: 'approve', predicted: 'decline' }, undefined, undefined, { actual: 'decline', predicted: 'approve' }]);
  });

  it('keeps a one-column file on the general path (a blank line is no empty cell there)', () => {
    const file = write('age\n41\n\n  \n7\n');
    expect(readFast(file, { chunkSize: 4, capacity: 8, dictionaryCapacity: 8 }).records.map((r) => r['age'])).toEqual([41, 7]);
  });
});
