import type { DetectorResult, DetectorSnapshot, DriftDetector } from '../core/detector.ts';
import { toResult } from '../core/detector.ts';
import { checkFinite } from '../core/input.ts';
import { createParamReader } from '../core/params.ts';
import { readSnapshot, toJsonNumber, toSnapshot } from '../core/snapshot.ts';

export const PAGE_HINKLEY_MODES = ['up', 'down', 'both'] as const;
export type PageHinkleyMode = (typeof PAGE_HINKLEY_MODES)[number];

export interface PageHinkleyParams {
  /** No test before this many samples since the last (re)start. */
  readonly minInstances: number;
  /** Tolerated change δ per sample. */
  readonly delta: number;
  /** λ: drift when a cumulative statistic exceeds it. */
  readonly threshold: number;
  /** Fading factor applied to the cumulative sums. */
  readonly alpha: number;
  /** Which direction of change to detect. */
  readonly mode: PageHinkleyMode;
}

export interface PageHinkleyState {
  readonly drift: boolean;
  readonly n: number;
  readonly mean: number;
  readonly sumIncrease: number;
  readonly sumDecrease: number;
  /** Running minimum of `sumIncrease`; null = +Infinity (nothing seen yet). */
  readonly minIncrease: number | null;
  readonly maxDecrease: number;
}

export type PageHinkleySnapshot = DetectorSnapshot<'page-hinkley', PageHinkleyParams, PageHinkleyState>;

function parseParams(input: unknown): PageHinkleyParams {
  const r = createParamReader('page-hinkley', input, ['minInstances', 'delta', 'threshold', 'alpha', 'mode']);
  return Object.freeze({
    minInstances: r.integer('minInstances', 30, 1),
    delta: r.number('delta', 0.005, { min: 0 }),
    threshold: r.number('threshold', 50, { min: 0, open: 'min' }),
    alpha: r.number('alpha', 1 - 0.0001, { min: 0, max: 1, open: 'min' }),
    mode: r.oneOf('mode', 'both', PAGE_HINKLEY_MODES),
  });
}

/** Page-Hinkley test with River 0.26.1's fading sums, modes and reset-after-detection. No warning. */
export class PageHinkley implements DriftDetector<'page-hinkley', PageHinkleyParams, PageHinkleyState> {
  readonly kind = 'page-hinkley';
  #params: PageHinkleyParams;
  #up = true;
  #down = true;
  #drift = false;
  #n = 0;
  #mean = 0;
  #sumInc = 0;
  #sumDec = 0;
  #minInc = Infinity;
  #maxDec = -1;

  constructor(params?: Partial<PageHinkleyParams>) {
    this.#params = parseParams(params);
    this.#setMode();
  }

  get params(): PageHinkleyParams {
    return this.#params;
  }

  #setMode(): void {
    this.#up = this.#params.mode !== 'down';
    this.#down = this.#params.mode !== 'up';
  }

  #reset(): void {
    this.#n = 0;
    this.#mean = 0;
    this.#sumInc = 0;
    this.#sumDec = 0;
    this.#minInc = Infinity;
    this.#maxDec = -1;
  }

  update(x: number): DetectorResult {
    checkFinite('page-hinkley', x);
    if (this.#drift) {
      this.#reset();
      this.#drift = false;
    }
    const p = this.#params;
    const n = this.#n + 1;
    this.#n = n;
    this.#mean += (1 / n) * (x - this.#mean);
    const dev = x - this.#mean;
    const sumInc = p.alpha * this.#sumInc + dev - p.delta;
    const sumDec = p.alpha * this.#sumDec + dev + p.delta;
    this.#sumInc = sumInc;
    this.#sumDec = sumDec;
    if (sumInc < this.#minInc) this.#minInc = sumInc;
    if (sumDec > this.#maxDec) this.#maxDec = sumDec;
    if (n >= p.minInstances) {
      this.#drift = (this.#up && sumInc - this.#minInc > p.threshold) || (this.#down && this.#maxDec - sumDec > p.threshold);
    }
    return toResult(this.#drift, false);
  }

  snapshot(): PageHinkleySnapshot {
    return toSnapshot('page-hinkley', this.#params, {
      drift: this.#drift, n: this.#n, mean: this.#mean, sumIncrease: this.#sumInc, sumDecrease: this.#sumDec,
      minIncrease: toJsonNumber(this.#minInc), maxDecrease: this.#maxDec,
    });
  }

  restore(snapshot: unknown): void {
    const { params, state } = readSnapshot('page-hinkley', snapshot);
    const p = parseParams(params);
    const fields = {
      drift: state.bool('drift'), n: state.int('n', 0), mean: state.num('mean'), sumInc: state.num('sumIncrease'),
      sumDec: state.num('sumDecrease'), minInc: state.numOrInf('minIncrease', 1), maxDec: state.num('maxDecrease'),
    };
    this.#params = p;
    this.#setMode();
    this.#drift = fields.drift;
    this.#n = fields.n;
    this.#mean = fields.mean;
    this.#sumInc = fields.sumInc;
    this.#sumDec = fields.sumDec;
    this.#minInc = fields.minInc;
    this.#maxDec = fields.maxDec;
  }
}
