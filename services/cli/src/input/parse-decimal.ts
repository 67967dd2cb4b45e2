// Plain decimals (`-12.5`, `007`, `3`) straight from bytes, bit for bit what `Number(text)` gives:
// with at most 15 digits the digits form an integer m < 2^53 and the scale 10^k (k ≤ 15) is exact,
// so one IEEE division m / 10^k is the correctly rounded value of the decimal, as Number's is.

const powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15] as const;

const maxDigits = 15;

/**
 * Scans a CSV cell from `start` to the next comma (or `limit`) and returns where it ends. Sets
 * `out[slot]` to its number when it is a plain decimal (optional `-`, digits, optionally `.` and
 * more digits; at most 15 digits in all), else to NaN (exponents, `+`, spaces, `Infinity`, hex,
 * longer numbers, empty), which the caller reads with `Number`.
 */
export function scanPlainDecimal(bytes: Uint8Array, start: number, limit: number, out: Float64Array, slot: number): number {
  let i = start;
  const negative = i < limit && bytes[i] === 45; /* - */
  if (negative) i += 1;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  let plain = true;
  for (; i < limit; i += 1) {
    const b = bytes[i] ?? 0;
    if (b === 44 /* , */) break;
    if (b >= 48 && b <= 57) {
      mantissa = mantissa * 10 + (b - 48);
      digits += 1;
    } else if (b === 46 /* . */ && point < 0 && digits > 0) point = i;
    else plain = false;
  }
  if (!plain || digits === 0 || digits > maxDigits || point === i - 1) out[slot] = Number.NaN;
  else {
    const value = point < 0 ? mantissa : mantissa / (powersOfTen[i - 1 - point] ?? Number.NaN);
    out[slot] = negative ? -value : value;
  }
  return i;
}
