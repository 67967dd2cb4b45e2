// A row-count estimate for a progress bar, from the size of the file and its first MiB.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export function estimateRows(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(size, 1 << 20));
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    let lines = 0;
    for (let i = buffer.indexOf(10); i >= 0 && i < read; i = buffer.indexOf(10, i + 1)) lines += 1;
    if (read === 0) return 0;
    return Math.max(1, Math.round((size * Math.max(1, lines)) / read));
  } finally {
    closeSync(fd);
  }
}
