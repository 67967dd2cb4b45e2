// A packed vector as stored in a Redis hash field: one MessagePack array [offset, v0, v1, …], which
// the Lua script reads and writes with cmsgpack (its fastest codec). Integers (most values are
// counts) take 1 to 5 bytes, other numbers 9. Numbers are stored as text and never start with an
// array header byte (0x90–0x9f, 0xdc, 0xdd), so a field's first byte tells which it is.
import type { PackedVector } from './state-store.ts';

/** `current` plus `values` at `offset`, element-wise over the union of both ranges (what the Redis script does). */
export function addVector(current: PackedVector | undefined, offset: number, values: ArrayLike<number>): PackedVector {
  const lo = current === undefined ? offset : Math.min(current.offset, offset);
  const hi = current === undefined ? offset + values.length : Math.max(current.offset + current.values.length, offset + values.length);
  const sum = new Float64Array(hi - lo);
  if (current !== undefined) sum.set(current.values, current.offset - lo);
  for (let i = 0; i < values.length; i++) sum[offset - lo + i] = (sum[offset - lo + i] ?? 0) + (values[i] ?? 0);
  return { offset: lo, values: sum };
}

export function isPackedVector(buf: Buffer): boolean {
  const b = buf[0] ?? 0;
  return (b >= 0x90 && b <= 0x9f) || b === 0xdc || b === 0xdd;
}

function sizeOf(v: number): number {
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff || Object.is(v, -0)) return 9;
  if (v >= 0) return v < 0x80 ? 1 : v <= 0xff ? 2 : v <= 0xffff ? 3 : 5;
  return v >= -32 ? 1 : v >= -0x80 ? 2 : v >= -0x8000 ? 3 : 5;
}

function write(buf: Buffer, at: number, v: number): number {
  const size = sizeOf(v);
  if (size === 9) { buf[at] = 0xcb; buf.writeDoubleBE(v, at + 1); return at + 9; }
  if (v >= 0) {
    if (size === 1) buf[at] = v;
    else if (size === 2) { buf[at] = 0xcc; buf[at + 1] = v; }
    else if (size === 3) { buf[at] = 0xcd; buf.writeUInt16BE(v, at + 1); }
    else { buf[at] = 0xce; buf.writeUInt32BE(v, at + 1); }
  } else if (size === 1) buf[at] = v & 0xff;
  else if (size === 2) { buf[at] = 0xd0; buf.writeInt8(v, at + 1); }
  else if (size === 3) { buf[at] = 0xd1; buf.writeInt16BE(v, at + 1); }
  else { buf[at] = 0xd2; buf.writeInt32BE(v, at + 1); }
  return at + size;
}

export function toPackedVector(offset: number, values: ArrayLike<number>): Buffer {
  const n = values.length + 1;
  let size = (n < 16 ? 1 : n <= 0xffff ? 3 : 5) + sizeOf(offset);
  for (let i = 0; i < values.length; i++) size += sizeOf(values[i] ?? 0);
  const buf = Buffer.allocUnsafe(size);
  let at: number;
  if (n < 16) { buf[0] = 0x90 | n; at = 1; }
  else if (n <= 0xffff) { buf[0] = 0xdc; buf.writeUInt16BE(n, 1); at = 3; }
  else { buf[0] = 0xdd; buf.writeUInt32BE(n, 1); at = 5; }
  at = write(buf, at, offset);
  for (let i = 0; i < values.length; i++) at = write(buf, at, values[i] ?? 0);
  return buf;
}

/** Reads MessagePack numbers from `buf`, advancing `at`. */
function createReader(buf: Buffer, start: number): { next(): number; readonly end: () => number } {
  let at = start;
  return {
    end: () => at,
    next(): number {
      const b = buf[at] ?? 0xc1;
      if (b <= 0x7f) { at += 1; return b; }
      if (b >= 0xe0) { at += 1; return b - 0x100; }
      const from = at + 1;
      switch (b) {
        case 0xca: at += 5; return buf.readFloatBE(from);
        case 0xcb: at += 9; return buf.readDoubleBE(from);
        case 0xcc: at += 2; return buf.readUInt8(from);
        case 0xcd: at += 3; return buf.readUInt16BE(from);
        case 0xce: at += 5; return buf.readUInt32BE(from);
        case 0xcf: at += 9; return Number(buf.readBigUInt64BE(from));
        case 0xd0: at += 2; return buf.readInt8(from);
        case 0xd1: at += 3; return buf.readInt16BE(from);
        case 0xd2: at += 5; return buf.readInt32BE(from);
        case 0xd3: at += 9; return Number(buf.readBigInt64BE(from));
        default: throw new TypeError(`packed vector: unexpected MessagePack byte 0x${b.toString(16)} at ${at}`);
      }
    },
  };
}

export function fromPackedVector(buf: Buffer): PackedVector {
  const b = buf[0] ?? 0;
  const [n, start] = b === 0xdc ? [buf.readUInt16BE(1), 3] : b === 0xdd ? [buf.readUInt32BE(1), 5] : [b & 0x0f, 1];
  const reader = createReader(buf, start);
  const offset = reader.next();
  const values = new Float64Array(Math.max(0, n - 1));
  for (let i = 0; i < values.length; i++) values[i] = reader.next();
  if (reader.end() !== buf.length) throw new TypeError(`packed vector: ${buf.length - reader.end()} bytes after its ${n} numbers`);
  return { offset, values };
}
