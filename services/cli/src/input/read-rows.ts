// Streams a JSONL or CSV file row by row with bounded memory: 4 MiB chunks split into lines in the
// read buffer (read-lines.ts), each row handed to a synchronous callback.
import { toInputRow } from './input-row.ts';
import { forEachLineSync } from './read-lines.ts';
import type { InputRow } from './input-row.ts';
import { splitCsvRecord, toCsvValue } from './parse-csv.ts';
import type { CsvColumnType } from './parse-csv.ts';

export const inputFormats = { jsonl: 'jsonl', csv: 'csv' } as const;
export type InputFormat = (typeof inputFormats)[keyof typeof inputFormats];

/** `.csv` (or `.csv.*`) is CSV, anything else JSONL. */
export function toInputFormat(file: string): InputFormat {
  return /\.csv(\.|$)/i.test(file) ? 'csv' : 'jsonl';
}

export interface ReadRowsOptions {
  readonly format: InputFormat;
  /** CSV only: how each column's text is typed (features by their spec type; others stay text). */
  readonly columnTypes: ReadonlyMap<string, CsvColumnType>;
  /** Called after each chunk with the bytes read so far. */
  readonly onProgress?: (bytesRead: number, rows: number) => void;
}

/** What a read saw besides the rows: lines that were not records (never dropped silently). */
export interface ReadSummary {
  readonly rows: number;
  readonly badLines: number;
  /** Line numbers (1-based) of the first few bad lines, with the reason. */
  readonly firstBad: readonly string[];
}

const maxReported = 5;

/** Counts bad lines and keeps the first few (line number and reason) for the summary. */
export interface BadLineLog {
  readonly bad: (line: number, reason: string) => void;
  readonly toSummary: (rows: number) => ReadSummary;
}

export function createBadLineLog(): BadLineLog {
  let badLines = 0;
  const firstBad: string[] = [];
  return {
    bad: (line, reason) => {
      badLines += 1;
      if (firstBad.length < maxReported) firstBad.push(`line ${line}: ${reason}`);
    },
    toSummary: (rows) => ({ rows, badLines, firstBad }),
  };
}

/**
 * Calls `onRow` for every record of `file`, in order. A row (and its objects) is only valid during
 * the call: the CSV reader refills the same object. Rejects on I/O errors. (The file is read
 * synchronously, see read-lines.ts; the promise keeps callers free to change that.)
 */
export function forEachRow(file: string, options: ReadRowsOptions, onRow: (row: InputRow) => void): Promise<ReadSummary> {
  return new Promise((resolve) => {
    let rows = 0;
    const { bad, toSummary } = createBadLineLog();
    const handle = options.format === 'csv' ? createCsvHandler(options.columnTypes, bad).handle : createJsonlHandler(bad);
    const emit = (row: InputRow | undefined): void => {
      if (row === undefined) return;
      rows += 1;
      onRow(row);
    };
    const lines = forEachLineSync(file, { onChunk: (bytesRead) => options.onProgress?.(bytesRead, rows) }, (bytes, start, end, lineNo) => {
      emit(handle(bytes.toString('utf8', start, end), lineNo));
    });
    emit(handle(undefined, lines));
    resolve(toSummary(rows));
  });
}

/** Line in, row out; `undefined` line = end of file (flushes a pending multi-line CSV record). */
type LineHandler = (line: string | undefined, lineNo: number) => InputRow | undefined;

function createJsonlHandler(bad: (line: number, reason: string) => void): LineHandler {
  return (line, lineNo) => {
    if (line === undefined || line.trim() === '') return undefined;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      bad(lineNo, 'not valid JSON');
      return undefined;
    }
    const row = toInputRow(json);
    if (row === undefined) bad(lineNo, 'not a JSON object');
    return row;
  };
}

/** The CSV line handler, and what a faster reader needs to know to take over plain lines. */
export interface CsvLineHandler {
  readonly handle: LineHandler;
  /** The header's column names once read. */
  header(): readonly string[] | undefined;
  /** How each header column is typed. */
  types(): readonly CsvColumnType[];
  /** True while a quoted field is open (the next line continues the record). */
  pending(): boolean;
}

/** How a header column is typed: by the spec, the prediction score as a number, anything else as text. */
function toCsvColumnType(columnTypes: ReadonlyMap<string, CsvColumnType>, name: string): CsvColumnType {
  return columnTypes.get(name) ?? (name === 'prediction_score' ? 'numeric' : 'text');
}

export function createCsvHandler(columnTypes: ReadonlyMap<string, CsvColumnType>, bad: (line: number, reason: string) => void): CsvLineHandler {
  let header: readonly string[] | undefined;
  let types: readonly CsvColumnType[] = [];
  let record: Record<string, unknown> = {};
  let pending = '';
  let pendingStart = 0;
  const handle: LineHandler = (line, lineNo) => {
    if (line === undefined) {
      if (pending !== '') bad(pendingStart, 'a quoted field is never closed');
      return undefined;
    }
    if (pending === '' && line.trim() === '') return undefined;
    const text = pending === '' ? line : `${pending}\n${line}`;
    const fields = splitCsvRecord(text);
    if (fields === undefined) {
      if (pending === '') pendingStart = lineNo;
      pending = text;
      return undefined;
    }
    const at = pending === '' ? lineNo : pendingStart;
    pending = '';
    if (header === undefined) {
      header = fields.map((f) => f.trim());
      types = header.map((name) => toCsvColumnType(columnTypes, name));
      record = Object.fromEntries(header.map((name) => [name, undefined]));
      return undefined;
    }
    if (fields.length !== header.length) {
      bad(at, `${fields.length} fields, the header has ${header.length}`);
      return undefined;
    }
    // One record object, refilled per row: its shape never changes, which makes this loop several
    // times faster than building a fresh object (rows are only valid during the callback).
    for (let i = 0; i < fields.length; i += 1) record[header[i] ?? ''] = toCsvValue(fields[i] ?? '', types[i] ?? 'text');
    return toInputRow(record);
  };
  return { handle, header: () => header, types: () => types, pending: () => pending !== '' };
}
