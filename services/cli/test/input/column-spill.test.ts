import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createColumnSpill, readSpillBatches, removeColumnSpill, writeSpillBatch } from '../../src/input/column-spill.ts';
import type { SpillBatch } from '../../src/input/column-spill.ts';

describe('column spill', () => {
  it('reads back every batch in order: numbers bit for bit, codes, flags and string sections', () => {
    // Arrange
    const spill = createColumnSpill();
    const batch: SpillBatch = { size: 0, float64: [new Float64Array(4)], int32: [new Int32Array(4)], uint8: [new Uint8Array(4)], strings: [] };
    const written: string[] = [];
    const sizes = [4, 1, 3];
    sizes.forEach((size, b) => {
      batch.size = size;
      batch.float64[0]?.set([-0, Number.NaN, 0.1 + b, -Infinity].slice(0, size));
      batch.int32[0]?.set([b, -1, 7, 2 ** 31 - 1].slice(0, size));
      batch.uint8[0]?.set([1, 0, 1, 0].slice(0, size));
      batch.strings = b === 1 ? [{ id: 9, values: ['é', null] }] : [];
      writeSpillBatch(spill, batch);
      written.push(JSON.stringify([Array.from(batch.float64[0] ?? [], (x) => Object.is(x, -0) ? '-0' : String(x)).slice(0, size), Array.from(batch.int32[0] ?? []).slice(0, size), Array.from(batch.uint8[0] ?? []).slice(0, size), batch.strings]));
    });
    const into: SpillBatch = { size: 0, float64: [new Float64Array(4)], int32: [new Int32Array(4)], uint8: [new Uint8Array(4)], strings: [] };
    // Act
    const read: string[] = [];
    readSpillBatches(spill, into, (b) => {
      read.push(JSON.stringify([Array.from(b.float64[0] ?? [], (x) => Object.is(x, -0) ? '-0' : String(x)).slice(0, b.size), Array.from(b.int32[0] ?? []).slice(0, b.size), Array.from(b.uint8[0] ?? []).slice(0, b.size), b.strings]));
    });
    removeColumnSpill(spill);
    // Assert
    expect(read).toEqual(written);
    expect(existsSync(spill.dir)).toBe(false);
  });
});
