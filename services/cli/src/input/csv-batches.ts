// CSV straight from bytes into row batches. Plain lines (no field starting with a quote, as many
// fields as the header) are cut at commas in the read buffer and typed cell by cell without
// building strings: plain decimals are parsed from the bytes, text cells are looked up in a byte
// table. Every other line (header, quoted fields, records over several lines, blank or bad lines)
// and every cell the fast path does not recognise goes the general way (the row reader's CSV
// handler, `toCsvValue`), so both paths give the same values, bad-line reports and line numbers.
import { categoryCodes, internCategory, writeColumnValue } from '@driftline/stats';
import type { OutcomeValues } from '@driftline/stats';
import { toLabelValue } from '../report/profile-set.ts';
import { toSliceText } from '../report/slice-assigner.ts';
import { addBytes, findBytes, scanHashed } from './byte-table.ts';
import { toInputRow } from './input-row.ts';
import { scanKinds, toCsvPlan } from './csv-plan.ts';
import type { BooleanCell, CsvPlan, GenericCell, NumberCell, TextCell } from './csv-plan.ts';
import { toCsvValue } from './parse-csv.ts';
import type { CsvColumnType } from './parse-csv.ts';
import { scanPlainDecimal } from './parse-decimal.ts';
import { forEachLineSync } from './read-lines.ts';
import { createBadLineLog, createCsvHandler } from './read-rows.ts';
import type { ReadSummary } from './read-rows.ts';
import { appendInputRow, clearRowBatch, commitRow, flushRowBatch } from './row-batch.ts';
import type { RowBatch } from './row-batch.ts';

function readNumber(cell: NumberCell, plan: CsvPlan, bytes: Buffer, r: number): void {
  const start = plan.starts[cell.index] ?? 0;
  const end = plan.ends[cell.index] ?? 0;
  const x = plan.decimals[cell.index] ?? Number.NaN;
  if (start === end || !Number.isNaN(x)) {
    for (const t of cell.targets) {
      t.values[r] = x;
      t.wrongType[r] = 0;
    }
    return;
  }
  const value = toCsvValue(bytes.toString('utf8', start, end), 'numeric');
  for (const t of cell.targets) writeColumnValue(t, r, value);
}

/** The byte at `i` with ASCII letters in lower case. */
const lowerAt = (bytes: Buffer, i: number): number => (bytes[i] ?? 0) | 0x20;

/** `true`, `false`, `1`, `0` in any case: 1 or 0; anything else -1. */
function toPlainBoolean(bytes: Buffer, start: number, end: number): number {
  const n = end - start;
  if (n === 1) return bytes[start] === 49 ? 1 : bytes[start] === 48 ? 0 : -1;
  const s = start;
  if (n === 4 && lowerAt(bytes, s) === 116 && lowerAt(bytes, s + 1) === 114 && lowerAt(bytes, s + 2) === 117 && lowerAt(bytes, s + 3) === 101) return 1;
  if (n === 5 && lowerAt(bytes, s) === 102 && lowerAt(bytes, s + 1) === 97 && lowerAt(bytes, s + 2) === 108 && lowerAt(bytes, s + 3) === 115 && lowerAt(bytes, s + 4) === 101) return 0;
  return -1;
}

function readBoolean(cell: BooleanCell, bytes: Buffer, start: number, end: number, r: number): void {
  if (start === end) {
    cell.target.codes[r] = categoryCodes.missing;
    return;
  }
  const plain = toPlainBoolean(bytes, start, end);
  if (plain >= 0) cell.target.codes[r] = plain;
  else writeColumnValue(cell.target, r, toCsvValue(bytes.toString('utf8', start, end), 'boolean'));
}

function isAscii(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) if ((bytes[i] ?? 0) >= 0x80) return false;
  return true;
}

function sliceCodeOf(cell: TextCell, batch: RowBatch, id: number): number {
  if (cell.sliceCodes.length <= id) {
    const grown = new Int32Array(Math.max(id + 1, 2 * cell.sliceCodes.length, 16)).fill(-2);
    grown.set(cell.sliceCodes);
    cell.sliceCodes = grown;
  }
  let code = cell.sliceCodes[id] ?? -2;
  if (code === -2) {
    code = batch.toSliceCode(cell.slice, cell.dictionary.values[id] ?? '');
    cell.sliceCodes[id] = code;
  }
  return code;
}

function readText(cell: TextCell, plan: CsvPlan, batch: RowBatch, bytes: Buffer, r: number): void {
  const start = plan.starts[cell.index] ?? 0;
  const end = plan.ends[cell.index] ?? 0;
  const { target, dictionary } = cell;
  // Negative indexes are slow property lookups on arrays: only index with a real slice key.
  const sliceCodes = cell.slice < 0 ? undefined : batch.sliceCodes[cell.slice];
  if (start === end) {
    if (target !== undefined) target.codes[r] = categoryCodes.missing;
    if (sliceCodes !== undefined) sliceCodes[r] = -1;
    return;
  }
  const full = dictionary.values.length >= dictionary.capacity;
  // A full dictionary without strings to keep (personal data) cannot hold bytes it has not seen
  // (ASCII bytes, or any bytes when it is empty): no need to look them up or decode them.
  if (full && target !== undefined && sliceCodes === undefined && !target.keepOverflow && dictionary.values.length === 0) {
    target.codes[r] = categoryCodes.notInDictionary;
    return;
  }
  const hash = plan.hashes[cell.index] ?? 0;
  let id = findBytes(cell.table, bytes, start, end, hash);
  let text: string | undefined;
  if (id < 0) {
    if (full && target !== undefined && !target.keepOverflow && isAscii(bytes, start, end)) id = categoryCodes.notInDictionary;
    else {
      text = bytes.toString('utf8', start, end);
      id = internCategory(dictionary, text);
      if (id >= 0) addBytes(cell.table, bytes, start, end, hash, id);
    }
  }
  if (target !== undefined) {
    target.codes[r] = id;
    if (id === categoryCodes.notInDictionary && target.keepOverflow) target.overflow[r] = text ?? bytes.toString('utf8', start, end);
  }
  if (sliceCodes !== undefined) sliceCodes[r] = id >= 0 ? sliceCodeOf(cell, batch, id) : batch.toSliceCode(cell.slice, text ?? bytes.toString('utf8', start, end));
}

function readGeneric(cell: GenericCell, batch: RowBatch, value: unknown, r: number): void {
  for (const c of cell.columns) writeColumnValue(c, r, value);
  if (cell.label !== undefined) writeColumnValue(cell.label, r, toLabelValue(value));
  for (const k of cell.slices) {
    const codes = batch.sliceCodes[k];
    const text = toSliceText(value);
    if (codes !== undefined) codes[r] = text === undefined ? -1 : batch.toSliceCode(k, text);
  }
}

/**
 * Cuts a plain line at commas into `plan.starts`/`plan.ends`, parsing plain decimals and hashing
 * text cells on the way (one read of the bytes); false when the line is not plain (a field starts
 * with a quote, or the number of fields is not the header's).
 */
function scanPlainLine(plan: CsvPlan, bytes: Buffer, start: number, end: number): boolean {
  const { starts, ends, fields, scan, decimals, hashes } = plan;
  let f = 0;
  let j = start;
  for (;;) {
    if (j < end && bytes[j] === 34 /* " */) return false;
    starts[f] = j;
    const kind = scan[f];
    let k = j;
    if (kind === scanKinds.decimal) k = scanPlainDecimal(bytes, j, end, decimals, f);
    else if (kind === scanKinds.hashed) k = scanHashed(bytes, j, end, hashes, f);
    else while (k < end && bytes[k] !== 44 /* , */) k += 1;
    ends[f] = k;
    if (k >= end) return f === fields - 1;
    f += 1;
    if (f === fields) return false;
    j = k + 1;
  }
}

/** Reads a plain line into the next row of `batch`; false (nothing written) when it is not plain. */
function readPlainLine(plan: CsvPlan, batch: RowBatch, bytes: Buffer, start: number, end: number): boolean {
  if (!scanPlainLine(plan, bytes, start, end)) return false;
  const { starts, ends } = plan;
  const r = batch.size;
  for (const cell of plan.numbers) readNumber(cell, plan, bytes, r);
  for (const cell of plan.booleans) readBoolean(cell, bytes, starts[cell.index] ?? 0, ends[cell.index] ?? 0, r);
  for (const cell of plan.texts) readText(cell, plan, batch, bytes, r);
  for (const cell of plan.generics) readGeneric(cell, batch, toCsvValue(bytes.toString('utf8', starts[cell.index] ?? 0, ends[cell.index] ?? 0), cell.type), r);
  const score = plan.score;
  const label = plan.label;
  batch.hasPrediction[r] = (score >= 0 && (ends[score] ?? 0) > (starts[score] ?? 0)) || (label >= 0 && (ends[label] ?? 0) > (starts[label] ?? 0)) ? 1 : 0;
  if (plan.outcome !== undefined) batch.outcomes[r] = readOutcome(plan, batch, bytes);
  return true;
}

/** The labelled outcome of a plain line, from a flat record of its prediction and actual cells. */
function readOutcome(plan: CsvPlan, batch: RowBatch, bytes: Buffer): OutcomeValues | undefined {
  const { outcome, starts, ends } = plan;
  const filled = (i: number): boolean => (ends[i] ?? 0) > (starts[i] ?? 0);
  if (outcome?.some((c) => c.name.startsWith('actual_') && filled(c.index)) !== true) return undefined;
  const record: Record<string, unknown> = {};
  for (const c of outcome) record[c.name] = toCsvValue(bytes.toString('utf8', starts[c.index] ?? 0, ends[c.index] ?? 0), c.type);
  const row = toInputRow(record);
  return row === undefined ? undefined : batch.toOutcome(row);
}

/**
 * Reads the CSV `file` into `batch`, calling `onBatch` with each full batch and the last one (the
 * batch is emptied after each call). Same rows, values, bad-line reports and line numbers as
 * {@link forEachRow}. Throws on I/O errors.
 */
export function forEachCsvBatch(
  file: string,
  options: {
    readonly columnTypes: ReadonlyMap<string, CsvColumnType>;
    readonly batch: RowBatch;
    readonly onProgress?: (bytesRead: number, rows: number) => void;
    readonly chunkSize?: number;
  },
  onBatch: (batch: RowBatch) => void,
): ReadSummary {
  const { batch } = options;
  const log = createBadLineLog();
  const handler = createCsvHandler(options.columnTypes, log.bad);
  let plan: CsvPlan | undefined;
  let rows = 0;
  const commit = (): void => { rows += 1; commitRow(batch, onBatch); };
  clearRowBatch(batch);
  const lines = forEachLineSync(file, {
    ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
    onChunk: (bytesRead) => options.onProgress?.(bytesRead, rows),
  }, (bytes, start, end, lineNo) => {
    if (plan !== undefined && !handler.pending() && readPlainLine(plan, batch, bytes, start, end)) {
      commit();
      return;
    }
    const row = handler.handle(bytes.toString('utf8', start, end), lineNo);
    const header = handler.header();
    // One-column files keep the general path: there a blank line and an empty cell look alike.
    if (plan === undefined && header !== undefined && header.length > 1) plan = toCsvPlan(header, handler.types(), batch);
    if (row !== undefined) {
      appendInputRow(batch, row);
      commit();
    }
  });
  handler.handle(undefined, lines);
  flushRowBatch(batch, onBatch);
  return log.toSummary(rows);
}
