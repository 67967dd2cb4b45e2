/**
 * CPython's `random.Random`: MT19937 seeded with `init_by_array` on the 32-bit words of |seed|,
 * plus the exact `random()`, `getrandbits(k ≤ 32)` and `sample(range(n), k)` algorithms of
 * CPython 3.11, so that KSWIN draws the same positions as River.
 */
const N = 624;
const M = 397;

/** One MT19937 recurrence step: the upper bit of `hi`, the lower 31 of `lo`, twisted into `far`. */
function mix(far: number, hi: number, lo: number): number {
  const y = (hi & 0x8000_0000) | (lo & 0x7fff_ffff);
  return far ^ (y >>> 1) ^ (y & 1 ? 0x9908_b0df : 0);
}

/** MT19937 output tempering, on int32 bits (read the result with `>>> shift`). */
function temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c_5680;
  y ^= (y << 15) & 0xefc6_0000;
  return y ^ (y >>> 18);
}

export class PythonRandom {
  /** The 624 state words as int32 bits (int32 loads stay small integers in V8; uint32 ones may not). */
  readonly mt = new Int32Array(N);
  index = N;
  #setSizeK = -1;
  #setSize = 0;

  constructor(seed: number) {
    this.seed(seed);
  }

  seed(seed: number): void {
    let s = Math.abs(seed);
    const key: number[] = [];
    do {
      key.push(s % 0x1_0000_0000);
      s = Math.floor(s / 0x1_0000_0000);
    } while (s > 0);
    this.#initByArray(key);
  }

  #initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s | 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ?? 0;
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) | 0;
    }
    this.index = N;
  }

  #initByArray(key: readonly number[]): void {
    this.#initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ?? 0;
      mt[i] = (((mt[i] ?? 0) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + (key[j] ?? 0) + j) | 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1] ?? 0;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ?? 0;
      mt[i] = (((mt[i] ?? 0) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) | 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1] ?? 0;
        i = 1;
      }
    }
    mt[0] = -0x8000_0000;
  }

  #twist(): void {
    const mt = this.mt;
    let k = 0;
    for (; k < N - M; k++) mt[k] = mix(mt[k + M] ?? 0, mt[k] ?? 0, mt[k + 1] ?? 0);
    for (; k < N - 1; k++) mt[k] = mix(mt[k + M - N] ?? 0, mt[k] ?? 0, mt[k + 1] ?? 0);
    mt[N - 1] = mix(mt[M - 1] ?? 0, mt[N - 1] ?? 0, mt[0] ?? 0);
    this.index = 0;
  }

  /** Next tempered 32-bit output. */
  nextUint32(): number {
    if (this.index >= N) this.#twist();
    return temper(this.mt[this.index++] ?? 0) >>> 0;
  }

  /** `random.random()`: a 53-bit double in [0, 1). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * (1 / 9007199254740992);
  }

  /** `_randbelow_with_getrandbits(n)` for 1 ≤ n < 2^32. */
  randBelow(n: number): number {
    const shift = Math.clz32(n);
    let r = this.nextUint32() >>> shift;
    while (r >= n) r = this.nextUint32() >>> shift;
    return r;
  }

  /**
   * `sample(range(n), k)` written into `out` (k = out.length ≤ n), using CPython's pool or
   * set method exactly as it chooses between them. `pool` is scratch space of length ≥ n.
   */
  sampleRange(n: number, out: Int32Array, pool: Int32Array): void {
    const k = out.length;
    if (k !== this.#setSizeK) {
      // CPython's threshold between the pool and the set method of `sample`.
      this.#setSize = 21 + (k > 5 ? 4 ** Math.ceil(Math.log(k * 3) / Math.log(4)) : 0);
      this.#setSizeK = k;
    }
    if (n <= this.#setSize) {
      for (let i = 0; i < n; i++) pool[i] = i;
      const mt = this.mt;
      let at = this.index;
      for (let i = 0; i < k; i++) {
        const m = n - i;
        const shift = Math.clz32(m);
        let j = m;
        while (j >= m) {
          if (at >= N) {
            this.#twist();
            at = 0;
          }
          j = temper(mt[at++] ?? 0) >>> shift;
        }
        out[i] = pool[j] ?? 0;
        pool[j] = pool[m - 1] ?? 0;
      }
      this.index = at;
      return;
    }
    const selected = new Set<number>();
    for (let i = 0; i < k; i++) {
      let j = this.randBelow(n);
      while (selected.has(j)) j = this.randBelow(n);
      selected.add(j);
      out[i] = j;
    }
  }
}
