import type { DetectorResult, DetectorSnapshot, DriftDetector } from '../core/detector.ts';
import { toResult } from '../core/detector.ts';
import { checkFinite } from '../core/input.ts';
import { createParamReader } from '../core/params.ts';
import { readSnapshot, toSnapshot } from '../core/snapshot.ts';

export interface CusumParams {
  /** Samples used to estimate the in-control mean and standard deviation (when not given). */
  readonly warmup: number;
  /** Allowance k, in standard deviations (half the shift to detect). */
  readonly k: number;
  /** Decision threshold h, in standard deviations. */
  readonly h: number;
  /** Floor on the estimated standard deviation, so that a (near-)constant warm-up does not turn every tiny wiggle into an alarm. */
  readonly minStd: number;
  /** Known in-control mean; give it together with `std` to skip the warm-up. */
  readonly mean?: number;
  readonly std?: number;
}

export interface CusumState {
  readonly drift: boolean;
  /** Warm-up sample count, mean and M2 (Welford). */
  readonly n: number;
  readonly wMean: number;
  readonly wM2: number;
  readonly calibrated: boolean;
  readonly mu: number;
  readonly sigma: number;
  readonly sPos: number;
  readonly sNeg: number;
}

export type CusumSnapshot = DetectorSnapshot<'cusum', CusumParams, CusumState>;

function parseParams(input: unknown): CusumParams {
  const r = createParamReader('cusum', input, ['warmup', 'k', 'h', 'minStd', 'mean', 'std']);
  const base = { warmup: r.integer('warmup', 300, 2), k: r.number('k', 0.5, { min: 0 }), h: r.number('h', 8, { min: 0, open: 'min' }),
    minStd: r.number('minStd', 1e-6, { min: 0 }),
  };
  const raw = (input ?? {}) as Record<string, unknown>;
  const hasMean = raw['mean'] !== undefined;
  if (hasMean !== (raw['std'] !== undefined)) r.reject(hasMean ? 'std' : 'mean', undefined, 'must be given together with the other of mean/std');
  if (!hasMean) return Object.freeze(base);
  return Object.freeze({ ...base, mean: r.number('mean', 0), std: r.number('std', 1, { min: 0, open: 'min' }) });
}

/**
 * Two-sided tabular CUSUM (Page 1954): S⁺ = max(0, S⁺ + z − k), S⁻ = max(0, S⁻ − z − k) with
 * z = (x − μ)/σ folded into σ-scaled thresholds; drift when either exceeds h·σ. μ and σ come from
 * the params or from the first `warmup` samples (σ floored at `minStd`), and are re-estimated after every detection
 * (River-style reset). Not in River; no warning.
 */
export class Cusum implements DriftDetector<'cusum', CusumParams, CusumState> {
  readonly kind = 'cusum';
  #params: CusumParams;
  #drift = false;
  #n = 0;
  #wMean = 0;
  #wM2 = 0;
  #calibrated = false;
  #mu = 0;
  #sigma = 0;
  #sPos = 0;
  #sNeg = 0;

  constructor(params?: Partial<CusumParams>) {
    this.#params = parseParams(params);
    this.#reset();
  }

  get params(): CusumParams {
    return this.#params;
  }

  #reset(): void {
    const { mean, std } = this.#params;
    this.#drift = false;
    this.#n = 0;
    this.#wMean = 0;
    this.#wM2 = 0;
    this.#sPos = 0;
    this.#sNeg = 0;
    this.#calibrated = mean !== undefined && std !== undefined;
    this.#mu = mean ?? 0;
    this.#sigma = std ?? 0;
  }

  update(x: number): DetectorResult {
    checkFinite('cusum', x);
    if (this.#drift) this.#reset();
    if (!this.#calibrated) {
      const n = this.#n + 1;
      const old = this.#wMean;
      this.#n = n;
      this.#wMean += (x - old) / n;
      this.#wM2 += (x - old) * (x - this.#wMean);
      if (n >= this.#params.warmup) {
        this.#calibrated = true;
        this.#mu = this.#wMean;
        this.#sigma = Math.max(Math.sqrt(this.#wM2 / (n - 1)), this.#params.minStd);
      }
      return toResult(false, false);
    }
    const { k, h } = this.#params;
    const z = x - this.#mu;
    const slack = k * this.#sigma;
    this.#sPos = Math.max(0, this.#sPos + z - slack);
    this.#sNeg = Math.max(0, this.#sNeg - z - slack);
    const limit = h * this.#sigma;
    this.#drift = this.#sPos > limit || this.#sNeg > limit;
    return toResult(this.#drift, false);
  }

  snapshot(): CusumSnapshot {
    return toSnapshot('cusum', this.#params, {
      drift: this.#drift, n: this.#n, wMean: this.#wMean, wM2: this.#wM2, calibrated: this.#calibrated,
      mu: this.#mu, sigma: this.#sigma, sPos: this.#sPos, sNeg: this.#sNeg,
    });
  }

  restore(snapshot: unknown): void {
    const { params, state: s } = readSnapshot('cusum', snapshot);
    const p = parseParams(params);
    const f = {
      drift: s.bool('drift'), n: s.int('n', 0), wMean: s.num('wMean'), wM2: s.num('wM2'), calibrated: s.bool('calibrated'),
      mu: s.num('mu'), sigma: s.num('sigma'), sPos: s.num('sPos'), sNeg: s.num('sNeg'),
    };
    this.#params = p;
    this.#drift = f.drift;
    this.#n = f.n;
    this.#wMean = f.wMean;
    this.#wM2 = f.wM2;
    this.#calibrated = f.calibrated;
    this.#mu = f.mu;
    this.#sigma = f.sigma;
    this.#sPos = f.sPos;
    this.#sNeg = f.sNeg;
  }
}
