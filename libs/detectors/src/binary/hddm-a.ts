import type { DetectorResult, DetectorSnapshot, DriftDetector } from '../core/detector.ts';
import { toResult } from '../core/detector.ts';
import { checkBinary } from '../core/input.ts';
import { readSnapshot, toSnapshot } from '../core/snapshot.ts';
import { parseHddmParams } from './hddm-params.ts';
import type { HddmParams } from './hddm-params.ts';

export type HddmAParams = Omit<HddmParams, 'lambda'>;

export interface HddmAState {
  readonly drift: boolean;
  readonly warning: boolean;
  /** (count, mean) of all samples, and the frozen copies at the increase and decrease cut points. */
  readonly z: [number, number];
  readonly xMin: [number, number];
  readonly xMax: [number, number];
}

export type HddmASnapshot = DetectorSnapshot<'hddm-a', HddmAParams, HddmAState>;

/** HDDM_A (Frías-Blanco et al. 2015, Hoeffding bound on averages) as River 0.26.1's `HDDMA`. Input 0/1. */
export class HddmA implements DriftDetector<'hddm-a', HddmAParams, HddmAState> {
  readonly kind = 'hddm-a';
  #params: HddmAParams;
  #logDrift = 0;
  #drift = false;
  #warning = false;
  #zn = 0;
  #zm = 0;
  #minN = 0;
  #minM = 0;
  #maxN = 0;
  #maxM = 0;

  constructor(params?: Partial<HddmAParams>) {
    this.#params = parseHddmParams('hddm-a', params, false);
    this.#logDrift = Math.log(1 / this.#params.driftConfidence);
  }

  get params(): HddmAParams {
    return this.#params;
  }

  #bound(n: number): number {
    return Math.sqrt(1 / (2 * n) * this.#logDrift);
  }

  #increase(confidence: number): boolean {
    if (this.#minN === this.#zn) return false;
    const m = (this.#zn - this.#minN) / this.#minN * (1 / this.#zn);
    return this.#zm - this.#minM >= Math.sqrt(m / 2 * Math.log(2 / confidence));
  }

  #decrease(confidence: number): boolean {
    if (this.#maxN === this.#zn) return false;
    const m = (this.#zn - this.#maxN) / this.#maxN * (1 / this.#zn);
    return this.#maxM - this.#zm >= Math.sqrt(m / 2 * Math.log(2 / confidence));
  }

  update(x: number): DetectorResult {
    checkBinary('hddm-a', x);
    const p = this.#params;
    if (this.#drift) {
      this.#zn = this.#zm = this.#minN = this.#minM = this.#maxN = this.#maxM = 0;
    }
    const zn = this.#zn + 1;
    this.#zn = zn;
    const zm = this.#zm + (1 / zn) * (x - this.#zm);
    this.#zm = zm;
    if (this.#minN === 0) [this.#minN, this.#minM] = [zn, zm];
    if (this.#maxN === 0) [this.#maxN, this.#maxM] = [zn, zm];
    const epsZ = this.#bound(zn);
    if (this.#minM + this.#bound(this.#minN) >= zm + epsZ) [this.#minN, this.#minM] = [zn, zm];
    if (this.#maxM - this.#bound(this.#maxN) <= zm - epsZ) [this.#maxN, this.#maxM] = [zn, zm];
    this.#drift = this.#increase(p.driftConfidence);
    this.#warning = !this.#drift && this.#increase(p.warningConfidence);
    if (p.twoSidedTest) {
      if (this.#decrease(p.driftConfidence)) this.#drift = true;
      else if (this.#decrease(p.warningConfidence)) this.#warning = true;
    }
    return toResult(this.#drift, this.#warning);
  }

  snapshot(): HddmASnapshot {
    return toSnapshot('hddm-a', this.#params, {
      drift: this.#drift, warning: this.#warning, z: [this.#zn, this.#zm], xMin: [this.#minN, this.#minM], xMax: [this.#maxN, this.#maxM],
    });
  }

  restore(snapshot: unknown): void {
    const { params, state } = readSnapshot('hddm-a', snapshot);
    const p = parseHddmParams('hddm-a', params, false);
    const pair = (key: string): [number, number] => {
      const v = state.numbers(key, 2);
      const [n, mean] = v;
      if (n === undefined || mean === undefined || v.length !== 2 || !Number.isSafeInteger(n) || n < 0) return state.reject(key, 'must be [count, mean]');
      return [n, mean];
    };
    const f = { drift: state.bool('drift'), warning: state.bool('warning'), z: pair('z'), xMin: pair('xMin'), xMax: pair('xMax') };
    this.#params = p;
    this.#logDrift = Math.log(1 / p.driftConfidence);
    this.#drift = f.drift;
    this.#warning = f.warning;
    [this.#zn, this.#zm] = f.z;
    [this.#minN, this.#minM] = f.xMin;
    [this.#maxN, this.#maxM] = f.xMax;
  }
}
