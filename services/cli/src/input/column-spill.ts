// A temporary file of typed columns, written batch by batch in pass 1 and read back in pass 2, so
// the second pass over the data reads a few arrays of numbers instead of parsing the input again.
// Memory stays one batch; the file holds 8 bytes per spilled number and 4 or 1 per code.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One batch: `size` rows of each array (always in the same order), then string sections. */
export interface SpillBatch {
  size: number;
  readonly float64: readonly Float64Array[];
  readonly int32: readonly Int32Array[];
  readonly uint8: readonly Uint8Array[];
  /** Sections of strings (one entry per row, null where none) under a caller-chosen id. */
  strings: { readonly id: number; readonly values: readonly (string | null)[] }[];
}

export interface ColumnSpill {
  readonly dir: string;
  readonly fd: number;
  /** Bytes written so far. */
  bytes: number;
}

/** A spill file in a fresh directory under `parent` (default: the OS temporary directory). */
export function createColumnSpill(parent: string = tmpdir()): ColumnSpill {
  const dir = mkdtempSync(join(parent, 'driftline-spill-'));
  return { dir, fd: openSync(join(dir, 'columns.bin'), 'w+'), bytes: 0 };
}

const asBytes = (a: Float64Array | Int32Array | Uint8Array, n: number): Buffer => Buffer.from(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT);

function writeBytes(spill: ColumnSpill, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(spill.fd, bytes, done, bytes.length - done, spill.bytes + done);
  spill.bytes += bytes.length;
}

/** Appends one batch. */
export function writeSpillBatch(spill: ColumnSpill, batch: SpillBatch): void {
  writeBytes(spill, asBytes(Int32Array.of(batch.size, batch.strings.length), 2));
  for (const a of [...batch.float64, ...batch.int32, ...batch.uint8]) writeBytes(spill, asBytes(a, batch.size));
  for (const section of batch.strings) {
    const json = Buffer.from(JSON.stringify(section.values), 'utf8');
    writeBytes(spill, asBytes(Int32Array.of(section.id, json.length), 2));
    writeBytes(spill, json);
  }
}

function readBytes(spill: ColumnSpill, into: Buffer, at: number): void {
  let done = 0;
  while (done < into.length) {
    const n = readSync(spill.fd, into, done, into.length - done, at + done);
    if (n === 0) throw new Error(`spill file ${spill.dir} ended early`);
    done += n;
  }
}

/**
 * Reads the batches back in order into the arrays of `into` (shaped like the batches written),
 * calling `onBatch` after each; `into.size` and `into.strings` are set per batch.
 */
export function readSpillBatches(spill: ColumnSpill, into: SpillBatch, onBatch: (batch: SpillBatch) => void): void {
  const head = new Int32Array(2);
  let at = 0;
  const read = (a: Float64Array | Int32Array | Uint8Array, n: number): void => {
    const view = asBytes(a, n);
    readBytes(spill, view, at);
    at += view.length;
  };
  while (at < spill.bytes) {
    read(head, 2);
    into.size = head[0] ?? 0;
    const sections = head[1] ?? 0;
    for (const a of [...into.float64, ...into.int32, ...into.uint8]) read(a, into.size);
    into.strings = [];
    for (let s = 0; s < sections; s += 1) {
      read(head, 2);
      const json = Buffer.alloc(head[1] ?? 0);
      readBytes(spill, json, at);
      at += json.length;
      into.strings.push({ id: head[0] ?? 0, values: JSON.parse(json.toString('utf8')) as (string | null)[] });
    }
    onBatch(into);
  }
}

/** Closes and deletes the spill file and its directory. */
export function removeColumnSpill(spill: ColumnSpill): void {
  closeSync(spill.fd);
  rmSync(spill.dir, { recursive: true, force: true });
}
