/** Base64 (RFC 4648) of 32-bit words, little-endian: a compact JSON form of the MT19937 state. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

function byteAt(words: Uint32Array, i: number): number {
  return ((words[i >> 2] ?? 0) >>> ((i & 3) * 8)) & 0xff;
}

export function encodeWords(words: Uint32Array): string {
  const len = words.length * 4;
  let out = '';
  for (let i = 0; i < len; i += 3) {
    const b0 = byteAt(words, i);
    const b1 = i + 1 < len ? byteAt(words, i + 1) : 0;
    const b2 = i + 2 < len ? byteAt(words, i + 2) : 0;
    out += ALPHABET.charAt(b0 >> 2) + ALPHABET.charAt(((b0 & 3) << 4) | (b1 >> 4));
    out += i + 1 < len ? ALPHABET.charAt(((b1 & 15) << 2) | (b2 >> 6)) : '=';
    out += i + 2 < len ? ALPHABET.charAt(b2 & 63) : '=';
  }
  return out;
}

/** Decodes `count` words; undefined when the text is not canonical base64 of exactly that size. */
export function decodeWords(text: string, count: number): Uint32Array | undefined {
  const len = count * 4;
  if (text.length !== Math.ceil(len / 3) * 4) return undefined;
  const bytes = new Uint8Array(Math.ceil(len / 3) * 3);
  for (let i = 0, o = 0; i < text.length; i += 4, o += 3) {
    const c = [0, 1, 2, 3].map((k) => {
      const code = text.charCodeAt(i + k);
      return code === 61 && o + k - 1 >= len ? 0 : code < 128 ? (LOOKUP[code] ?? 0) : -1;
    });
    if (c.some((v) => v < 0)) return undefined;
    const [c0, c1, c2, c3] = c as [number, number, number, number];
    bytes[o] = (c0 << 2) | (c1 >> 4);
    bytes[o + 1] = ((c1 & 15) << 4) | (c2 >> 2);
    bytes[o + 2] = ((c2 & 3) << 6) | c3;
  }
  const words = new Uint32Array(count);
  for (let i = 0; i < len; i++) words[i >> 2] = (words[i >> 2] ?? 0) | ((bytes[i] ?? 0) << ((i & 3) * 8));
  return encodeWords(words) === text ? words : undefined;
}
