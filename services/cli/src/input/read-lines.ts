// The lines of a file as byte ranges of a read buffer, read synchronously in large chunks: a
// CLI reading one file has nothing to do while it waits, and on a busy machine every asynchronous
// read costs two trips through the scheduler.
import { closeSync, openSync, readSync } from 'node:fs';

/** Bytes read at a time (a longer line grows the buffer). */
const defaultChunkSize = 1 << 22;

/**
 * Calls `onLine` with each line of `file` (split at `\n`, one trailing `\r` dropped; a last line
 * without `\n` counts unless empty) as `bytes[start, end)`, valid during the call only, with its
 * 1-based number. `onChunk` gets the bytes read so far after each chunk. Returns the number of lines.
 */
export function forEachLineSync(
  file: string,
  options: { readonly chunkSize?: number; readonly onChunk?: (bytesRead: number) => void },
  onLine: (bytes: Buffer, start: number, end: number, lineNo: number) => void,
): number {
  let lineNo = 0;
  const emit = (bytes: Buffer, start: number, stop: number): void => {
    lineNo += 1;
    onLine(bytes, start, stop > start && bytes[stop - 1] === 13 /* \r */ ? stop - 1 : stop, lineNo);
  };
  const fd = openSync(file, 'r');
  try {
    let buffer = Buffer.allocUnsafe(options.chunkSize ?? defaultChunkSize);
    let filled = 0;
    let total = 0;
    for (;;) {
      if (filled === buffer.length) {
        const bigger = Buffer.allocUnsafe(2 * buffer.length);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      const from = filled;
      filled += bytesRead;
      total += bytesRead;
      let start = 0;
      for (let nl = buffer.indexOf(10, from); nl >= 0 && nl < filled; nl = buffer.indexOf(10, start)) {
        emit(buffer, start, nl);
        start = nl + 1;
      }
      buffer.copyWithin(0, start, filled);
      filled -= start;
      options.onChunk?.(total);
    }
    if (filled > 0) emit(buffer, 0, filled);
  } finally {
    closeSync(fd);
  }
  return lineNo;
}
