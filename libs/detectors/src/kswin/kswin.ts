import type { DetectorResult, DetectorSnapshot, DriftDetector } from '../core/detector.ts';
import { toResult } from '../core/detector.ts';
import { checkFinite } from '../core/input.ts';
import { createParamReader } from '../core/params.ts';
import { readSnapshot, toSnapshot } from '../core/snapshot.ts';
import { ksCount, ksPValue } from './ks-two-sample.ts';
import { PythonRandom } from './python-random.ts';
import { insertionSort, replaceSorted } from './sorted-insert.ts';
import { SortedSlots } from './sorted-slots.ts';
import { decodeWords, encodeWords } from './words-codec.ts';

export interface KswinParams {
  /** Significance level of the KS test. */
  readonly alpha: number;
  readonly windowSize: number;
  /** Size of the recent sample and of the sample drawn from the older part of the window. */
  readonly statSize: number;
  /** Seed of the Python-compatible RNG (River's default is non-deterministic; ours is 42). */
  readonly seed: number;
}

/** Constructor options: the parameters plus an optional pre-filled window (used once). */
export type KswinOptions = Partial<KswinParams> & { readonly window?: readonly number[] };

export interface KswinState {
  readonly drift: boolean;
  readonly n: number;
  readonly pValue: number;
  /** Window contents, oldest first. */
  readonly window: number[];
  /** MT19937 state: 624 words, base64 little-endian, and the next word index. */
  readonly rng: string;
  readonly rngIndex: number;
}

export type KswinSnapshot = DetectorSnapshot<'kswin', KswinParams, KswinState>;

/** Preallocated arrays, so that `update` allocates nothing. */
interface Scratch {
  readonly buf: Float64Array;
  readonly picks: Int32Array;
  readonly pool: Int32Array;
  readonly older: Float64Array;
  /** The newest statSize values, kept sorted while the window slides. */
  readonly recent: Float64Array;
  /** The older windowSize − statSize values, sorted, with their ring slots. */
  readonly olderSorted: SortedSlots;
  /** mark[slot] = 1 for the slots sampled in this update. */
  readonly mark: Uint8Array;
  /** p-value by h = n·D, computed on first use (NaN = not yet). */
  readonly pByCount: Float64Array;
}

/** n slots plus a +Infinity sentinel at [n], as `ksCount` expects. */
function withSentinel(n: number): Float64Array {
  const a = new Float64Array(n + 1);
  a[n] = Infinity;
  return a;
}

function createScratch(p: KswinParams): Scratch {
  return {
    buf: new Float64Array(p.windowSize), picks: new Int32Array(p.statSize), pool: new Int32Array(p.windowSize),
    older: withSentinel(p.statSize), recent: withSentinel(p.statSize),
    pByCount: new Float64Array(p.statSize + 1).fill(Number.NaN),
    olderSorted: new SortedSlots(p.windowSize - p.statSize, p.windowSize), mark: new Uint8Array(p.windowSize),
  };
}

/** i mod n for 0 ≤ i < 2n, without a division. */
function wrap(i: number, n: number): number {
  return i >= n ? i - n : i;
}

const KEYS = ['alpha', 'windowSize', 'statSize', 'seed'] as const;

function parseParams(input: unknown): KswinParams & { window: number[] | undefined } {
  const r = createParamReader('kswin', input, [...KEYS, 'window']);
  const alpha = r.number('alpha', 0.005, { min: 0, max: 1 });
  const statSize = r.integer('statSize', 30, 1);
  const windowSize = r.integer('windowSize', 100, 2);
  if (windowSize < 2 * statSize) r.reject('windowSize', windowSize, `must be >= 2·statSize (${2 * statSize}) so that statSize older positions can be drawn without replacement`);
  if (statSize > 10_000) r.reject('statSize', statSize, 'must be <= 10000 (exact KS p-value range)');
  const seed = r.integer('seed', 42, -Number.MAX_SAFE_INTEGER);
  return { alpha, windowSize, statSize, seed, window: r.numbers('window') };
}

/**
 * KSWIN (Raab et al. 2020) as River 0.26.1 runs it: a sliding window; once full, the newest
 * `statSize` values are compared with `statSize` values drawn without replacement (CPython
 * `random.sample`, seeded) from the older part, by SciPy's exact two-sample KS test. Drift iff
 * p ≤ alpha and D > 0.1; the next update empties the window and reseeds the RNG. No warning.
 */
export class Kswin implements DriftDetector<'kswin', KswinParams, KswinState> {
  readonly kind = 'kswin';
  #params: KswinParams;
  #rng: PythonRandom;
  #s: Scratch;
  #head = 0;
  #len = 0;
  #n = 0;
  #pValue = 0;
  #drift = false;
  /** `recent` and `olderSorted` mirror the window (false after a refill or load: rebuild). */
  #sortedValid = false;

  constructor(options?: KswinOptions) {
    const { window, ...params } = parseParams(options);
    this.#params = Object.freeze(params);
    this.#rng = new PythonRandom(params.seed);
    this.#s = createScratch(params);
    if (window !== undefined) this.#load(window.slice(-params.windowSize));
  }

  get params(): KswinParams {
    return this.#params;
  }

  /** p-value of the last test (0 before the first one). */
  get pValue(): number {
    return this.#pValue;
  }

  #load(values: readonly number[]): void {
    this.#s.buf.set(values);
    this.#head = 0;
    this.#len = values.length;
    this.#sortedValid = false;
  }

  update(x: number): DetectorResult {
    checkFinite('kswin', x);
    const { windowSize: ws, statSize: ss, alpha } = this.#params;
    const { buf, older, recent, picks, pool, pByCount, olderSorted, mark } = this.#s;
    if (this.#drift) {
      this.#len = 0;
      this.#head = 0;
      this.#n = 0;
      this.#pValue = 0;
      this.#rng.seed(this.#params.seed);
      this.#drift = false;
    }
    this.#n++;
    if (this.#len < ws) {
      buf[(this.#head + this.#len) % ws] = x;
      this.#len++;
      if (this.#len < ws) return toResult(false, false);
      this.#sortedValid = false;
    } else {
      // Slide: the oldest slot leaves; the oldest recent value moves into the older region.
      const oldest = this.#head;
      const boundary = wrap(oldest + ws - ss, ws);
      const moving = buf[boundary] ?? 0;
      buf[oldest] = x;
      this.#head = wrap(oldest + 1, ws);
      if (this.#sortedValid) {
        replaceSorted(recent, ss, moving, x);
        olderSorted.replace(oldest, boundary, moving);
      }
    }
    const head = this.#head;
    if (!this.#sortedValid) {
      for (let i = 0; i < ss; i++) recent[i] = buf[wrap(head + ws - ss + i, ws)] ?? 0;
      insertionSort(recent, ss);
      olderSorted.rebuild(buf, head);
      this.#sortedValid = true;
    }
    // River's sample of older positions; read back in sorted order through the marks.
    this.#rng.sampleRange(ws - ss, picks, pool);
    for (let i = 0; i < ss; i++) mark[wrap(head + (picks[i] ?? 0), ws)] = 1;
    olderSorted.gatherMarked(mark, older);
    for (let i = 0; i < ss; i++) mark[wrap(head + (picks[i] ?? 0), ws)] = 0;
    const h = ksCount(older, recent, ss);
    let p = pByCount[h] ?? 1;
    if (Number.isNaN(p)) {
      p = ksPValue(ss, h);
      pByCount[h] = p;
    }
    this.#pValue = p;
    if (p <= alpha && h / ss > 0.1) {
      this.#drift = true;
      this.#load(Array.from({ length: ss }, (_, i) => buf[(head + ws - ss + i) % ws] ?? 0));
    }
    return toResult(this.#drift, false);
  }

  #windowValues(): number[] {
    const ws = this.#params.windowSize;
    return Array.from({ length: this.#len }, (_, i) => (this.#s.buf[(this.#head + i) % ws] ?? 0));
  }

  snapshot(): KswinSnapshot {
    return toSnapshot('kswin', this.#params, {
      drift: this.#drift, n: this.#n, pValue: this.#pValue, window: this.#windowValues(),
      rng: encodeWords(new Uint32Array(this.#rng.mt.buffer)), rngIndex: this.#rng.index,
    });
  }

  restore(snapshot: unknown): void {
    const { params, state } = readSnapshot('kswin', snapshot);
    const { seed, alpha, windowSize, statSize } = parseParams(params);
    const p: KswinParams = { alpha, windowSize, statSize, seed };
    const values = state.numbers('window', p.windowSize);
    const words = decodeWords(state.str('rng'), 624) ?? state.reject('rng', 'must be the base64 of 624 little-endian 32-bit words');
    const rngIndex = state.int('rngIndex', 0);
    if (rngIndex > 624) state.reject('rngIndex', 'must be <= 624');
    const fields = { drift: state.bool('drift'), n: state.int('n', 0), pValue: state.num('pValue') };
    const rng = new PythonRandom(p.seed);
    rng.mt.set(words);
    rng.index = rngIndex;
    this.#params = Object.freeze(p);
    this.#rng = rng;
    this.#s = createScratch(p);
    this.#load(values);
    this.#n = fields.n;
    this.#pValue = fields.pValue;
    this.#drift = fields.drift;
  }
}
