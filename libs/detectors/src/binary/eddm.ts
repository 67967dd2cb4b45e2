import type { DetectorResult, DetectorSnapshot, DriftDetector } from '../core/detector.ts';
import { toResult } from '../core/detector.ts';
import { checkBinary } from '../core/input.ts';
import { createParamReader } from '../core/params.ts';
import { readSnapshot, toSnapshot } from '../core/snapshot.ts';

export interface EddmParams {
  readonly warmStart: number;
  /** Warning level (level < alpha). */
  readonly alpha: number;
  /** Drift level (level < beta); beta ≤ alpha. */
  readonly beta: number;
}

export interface EddmState {
  readonly drift: boolean;
  readonly warning: boolean;
  readonly n: number;
  readonly lastError: number;
  readonly errors: number;
  /** Count, mean and M2 (sum of squared deviations) of the distances between errors. */
  readonly distN: number;
  readonly distMean: number;
  readonly distM2: number;
  /** Largest mean + 2·sd seen, −1 before the first. */
  readonly p2sMax: number;
}

export type EddmSnapshot = DetectorSnapshot<'eddm', EddmParams, EddmState>;

function parseParams(input: unknown): EddmParams {
  const r = createParamReader('eddm', input, ['warmStart', 'alpha', 'beta']);
  const warmStart = r.integer('warmStart', 30, 0);
  const alpha = r.number('alpha', 0.95, { min: 0 });
  const beta = r.number('beta', 0.9, { min: 0 });
  if (alpha < beta) r.reject('alpha', alpha, `must be >= beta (${beta})`);
  return Object.freeze({ warmStart, alpha, beta });
}

/** EDDM (Baena-García et al. 2006) with River 0.26.1's sample variance and warm-up. Input 0/1, 1 = error. */
export class Eddm implements DriftDetector<'eddm', EddmParams, EddmState> {
  readonly kind = 'eddm';
  #params: EddmParams;
  #drift = false;
  #warning = false;
  #n = 0;
  #lastError = 0;
  #errors = 0;
  #distN = 0;
  #distMean = 0;
  #distM2 = 0;
  #p2sMax = -1;

  constructor(params?: Partial<EddmParams>) {
    this.#params = parseParams(params);
  }

  get params(): EddmParams {
    return this.#params;
  }

  update(x: number): DetectorResult {
    checkBinary('eddm', x);
    if (this.#drift) this.#reset();
    this.#n++;
    if (x === 1) this.#onError();
    return toResult(this.#drift, this.#warning);
  }

  #onError(): void {
    const prm = this.#params;
    this.#errors++;
    const distance = this.#n - this.#lastError;
    const meanOld = this.#distMean;
    this.#distN++;
    this.#distMean += (1 / this.#distN) * (distance - meanOld);
    this.#distM2 += (distance - meanOld) * (distance - this.#distMean);
    if (this.#n > prm.warmStart) {
      const variance = this.#distN > 1 ? this.#distM2 / (this.#distN - 1) : 0;
      const p2s = this.#distMean + 2 * Math.sqrt(variance);
      if (p2s > this.#p2sMax) {
        this.#p2sMax = p2s;
      } else if (this.#errors > prm.warmStart) {
        const level = p2s / this.#p2sMax;
        if (level < prm.beta) this.#drift = true;
        else this.#warning = level < prm.alpha;
      }
    }
    this.#lastError = this.#n;
  }

  #reset(): void {
    this.#drift = false;
    this.#warning = false;
    this.#n = 0;
    this.#lastError = 0;
    this.#errors = 0;
    this.#distN = 0;
    this.#distMean = 0;
    this.#distM2 = 0;
    this.#p2sMax = -1;
  }

  snapshot(): EddmSnapshot {
    return toSnapshot('eddm', this.#params, {
      drift: this.#drift, warning: this.#warning, n: this.#n, lastError: this.#lastError, errors: this.#errors,
      distN: this.#distN, distMean: this.#distMean, distM2: this.#distM2, p2sMax: this.#p2sMax,
    });
  }

  restore(snapshot: unknown): void {
    const { params, state: s } = readSnapshot('eddm', snapshot);
    const p = parseParams(params);
    const f = {
      drift: s.bool('drift'), warning: s.bool('warning'), n: s.int('n', 0), lastError: s.int('lastError', 0), errors: s.int('errors', 0),
      distN: s.int('distN', 0), distMean: s.num('distMean'), distM2: s.num('distM2'), p2sMax: s.num('p2sMax'),
    };
    this.#params = p;
    this.#drift = f.drift;
    this.#warning = f.warning;
    this.#n = f.n;
    this.#lastError = f.lastError;
    this.#errors = f.errors;
    this.#distN = f.distN;
    this.#distMean = f.distMean;
    this.#distM2 = f.distM2;
    this.#p2sMax = f.p2sMax;
  }
}
