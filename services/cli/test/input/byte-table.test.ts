import { describe, expect, it } from 'vitest';
import { addBytes, createByteTable, findBytes, hashBytes } from '../../src/input/byte-table.ts';

describe('byte table', () => {
  it('finds every key added (across rehashes) and nothing else', () => {
    const table = createByteTable();
    const keys = Array.from({ length: 3000 }, (_, i) => Buffer.from(`key-${String(i * 7)}-é`, 'utf8'));
    keys.forEach((k, id) => { addBytes(table, k, 0, k.length, hashBytes(k, 0, k.length), id); });
    keys.forEach((k, id) => { expect(findBytes(table, k, 0, k.length, hashBytes(k, 0, k.length))).toBe(id); });
    const line = Buffer.from('x,key-21-é,key-22-é', 'utf8');
    const at = line.indexOf('key');
    const end = line.indexOf(',', at);
    expect(findBytes(table, line, at, end, hashBytes(line, at, end))).toBe(3);
    expect(findBytes(table, line, end + 1, line.length, hashBytes(line, end + 1, line.length))).toBe(-1);
  });
});
