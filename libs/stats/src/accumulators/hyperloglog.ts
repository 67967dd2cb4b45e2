import { StatsError, assertArgument, statsErrorCodes } from '../errors.ts';
import { toBase64 } from '../codec/base64.ts';
import { hashNumber, hashString } from '../hash/murmur3.ts';

/**
 * HyperLogLog distinct counter (Flajolet et al. 2007) over the 32-bit MurmurHash3 of each value,
 * with the paper's small-range (linear counting) and large-range corrections. 2^p one-byte
 * registers; standard error ≈ 1.04/√(2^p) (1.6 % at the default p = 12). Merge takes the
 * register-wise maximum, so it is associative, commutative and idempotent; there is no diff.
 * Strings and numbers hash differently (`"1"` and `1` are distinct). `registers` is a
 * `Uint8Array`: use {@link toHyperLogLogJson} / `parseHyperLogLog` for JSON.
 */
export interface HyperLogLogState {
  readonly p: number;
  readonly registers: Uint8Array;
}

/** An empty counter with 2^p registers, 4 ≤ p ≤ 16 (default 12). */
export function createHyperLogLog(p = 12): HyperLogLogState {
  assertArgument(Number.isInteger(p) && p >= 4 && p <= 16, 'createHyperLogLog: p must be an integer in [4, 16]');
  return { p, registers: new Uint8Array(1 << p) };
}

/** Mutates `state` with the 32-bit hash of one value. */
export function recordHash(state: HyperLogLogState, hash: number): void {
  const p = state.p;
  const index = hash >>> (32 - p);
  const rest = (hash << p) >>> 0;
  const rank = rest === 0 ? 32 - p + 1 : Math.clz32(rest) + 1;
  if (rank > (state.registers[index] ?? 0)) state.registers[index] = rank;
}

/** Mutates `state` with one string or number (hashed with {@link hashString} / {@link hashNumber}). */
export function recordDistinct(state: HyperLogLogState, value: string | number): void {
  recordHash(state, typeof value === 'string' ? hashString(value) : hashNumber(value));
}

/** Register-wise maximum; both sides need the same p. */
export function mergeHyperLogLogs(a: HyperLogLogState, b: HyperLogLogState): HyperLogLogState {
  if (a.p !== b.p) {
    throw new StatsError(statsErrorCodes.incompatibleState, 'mergeHyperLogLogs: precisions differ', {
      context: { a: a.p, b: b.p },
    });
  }
  const registers = new Uint8Array(a.registers.length);
  for (let i = 0; i < registers.length; i += 1) {
    registers[i] = Math.max(a.registers[i] ?? 0, b.registers[i] ?? 0);
  }
  return { p: a.p, registers };
}

/** Estimated number of distinct values. */
export function toDistinctEstimate(state: HyperLogLogState): number {
  const m = state.registers.length;
  const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
  let sum = 0;
  let zeros = 0;
  for (const r of state.registers) {
    sum += 2 ** -r;
    if (r === 0) zeros += 1;
  }
  const raw = (alpha * m * m) / sum;
  if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
  const two32 = 2 ** 32;
  if (raw > two32 / 30) return -two32 * Math.log(1 - raw / two32);
  return raw;
}

/** Compact JSON form: registers as base64. */
export interface HyperLogLogJson {
  readonly p: number;
  readonly registers: string;
}

/** JSON-ready form of the counter. */
export function toHyperLogLogJson(state: HyperLogLogState): HyperLogLogJson {
  return { p: state.p, registers: toBase64(state.registers) };
}
