/**
 * MurmurHash3 x86 32-bit (Austin Appleby's public-domain design), written for Driftline. Strings
 * are hashed as their UTF-8 bytes (lone surrogates as U+FFFD, as TextEncoder does); numbers as the
 * 8 little-endian bytes of their IEEE-754 double, with −0 as 0 and every NaN as the canonical NaN.
 * Deterministic across platforms and runs: `hashString('hello', 0) === 0x248bfa47`.
 */

const c1 = 0xcc9e2d51;
const c2 = 0x1b873593;

function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, c1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, c2);
  let out = h ^ k;
  out = (out << 13) | (out >>> 19);
  return (Math.imul(out, 5) + 0xe6546b64) | 0;
}

function finish(h: number, tail: number, tailLength: number, length: number): number {
  let out = h;
  if (tailLength > 0) {
    let k = Math.imul(tail, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    out ^= k;
  }
  out ^= length;
  out ^= out >>> 16;
  out = Math.imul(out, 0x85ebca6b);
  out ^= out >>> 13;
  out = Math.imul(out, 0xc2b2ae35);
  out ^= out >>> 16;
  return out >>> 0;
}

/** Unsigned 32-bit MurmurHash3 of the UTF-8 bytes of `text`. */
export function hashString(text: string, seed = 0): number {
  let h = seed | 0;
  let block = 0;
  let filled = 0;
  let length = 0;
  const push = (byte: number): void => {
    block |= byte << (filled * 8);
    filled += 1;
    length += 1;
    if (filled === 4) {
      h = mixBlock(h, block);
      block = 0;
      filled = 0;
    }
  };
  for (let i = 0; i < text.length; i += 1) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i += 1;
      } else cp = 0xfffd;
    }
    if (cp < 0x80) push(cp);
    else if (cp < 0x800) {
      push(0xc0 | (cp >> 6));
      push(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      push(0xe0 | (cp >> 12));
      push(0x80 | ((cp >> 6) & 63));
      push(0x80 | (cp & 63));
    } else {
      push(0xf0 | (cp >> 18));
      push(0x80 | ((cp >> 12) & 63));
      push(0x80 | ((cp >> 6) & 63));
      push(0x80 | (cp & 63));
    }
  }
  return finish(h, block, filled, length);
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
/** Index of the low 32-bit word of a double in `scratchWords` (0 on little-endian platforms). */
const low = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** Unsigned 32-bit MurmurHash3 of the little-endian IEEE-754 bytes of `value`. */
export function hashNumber(value: number, seed = 0): number {
  scratch[0] = value === 0 ? 0 : Number.isNaN(value) ? Number.NaN : value;
  let h = mixBlock(seed | 0, (scratchWords[low] ?? 0) | 0);
  h = mixBlock(h, (scratchWords[1 - low] ?? 0) | 0);
  return finish(h, 0, 0, 8);
}
