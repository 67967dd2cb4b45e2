import type { DetectorResult, DetectorSnapshot, DriftDetector } from '../core/detector.ts';
import { toResult } from '../core/detector.ts';
import { checkBinary } from '../core/input.ts';
import { createParamReader } from '../core/params.ts';
import { readSnapshot, toJsonNumber, toSnapshot } from '../core/snapshot.ts';

export interface DdmParams {
  /** Samples before the first test. */
  readonly warmStart: number;
  readonly warningThreshold: number;
  readonly driftThreshold: number;
}

export interface DdmState {
  readonly drift: boolean;
  readonly warning: boolean;
  readonly n: number;
  /** Error rate since the last (re)start. */
  readonly p: number;
  /** null = not set yet (+Infinity). */
  readonly pMin: number | null;
  readonly sMin: number | null;
  readonly psMin: number | null;
}

export type DdmSnapshot = DetectorSnapshot<'ddm', DdmParams, DdmState>;

function parseParams(input: unknown): DdmParams {
  const r = createParamReader('ddm', input, ['warmStart', 'warningThreshold', 'driftThreshold']);
  const warningThreshold = r.number('warningThreshold', 2, { min: 0 });
  const driftThreshold = r.number('driftThreshold', 3, { min: 0 });
  return Object.freeze({ warmStart: r.integer('warmStart', 30, 0), warningThreshold, driftThreshold });
}

/** DDM (Gama et al. 2004) with River 0.26.1's strict comparisons and warm-up. Input 0/1, 1 = error. */
export class Ddm implements DriftDetector<'ddm', DdmParams, DdmState> {
  readonly kind = 'ddm';
  #params: DdmParams;
  #drift = false;
  #warning = false;
  #n = 0;
  #p = 0;
  #pMin = Infinity;
  #sMin = Infinity;
  #psMin = Infinity;

  constructor(params?: Partial<DdmParams>) {
    this.#params = parseParams(params);
  }

  get params(): DdmParams {
    return this.#params;
  }

  update(x: number): DetectorResult {
    checkBinary('ddm', x);
    if (this.#drift) {
      this.#drift = false;
      this.#warning = false;
      this.#n = 0;
      this.#p = 0;
      this.#pMin = Infinity;
      this.#sMin = Infinity;
      this.#psMin = Infinity;
    }
    const n = this.#n + 1;
    this.#n = n;
    const p = this.#p + (1 / n) * (x - this.#p);
    this.#p = p;
    const s = Math.sqrt(p * (1 - p) / n);
    const prm = this.#params;
    if (n > prm.warmStart) {
      if (p + s <= this.#psMin) {
        this.#pMin = p;
        this.#sMin = s;
        this.#psMin = p + s;
      }
      this.#warning = p + s > this.#pMin + prm.warningThreshold * this.#sMin;
      if (p + s > this.#pMin + prm.driftThreshold * this.#sMin) {
        this.#drift = true;
        this.#warning = false;
      }
    }
    return toResult(this.#drift, this.#warning);
  }

  snapshot(): DdmSnapshot {
    return toSnapshot('ddm', this.#params, {
      drift: this.#drift, warning: this.#warning, n: this.#n, p: this.#p,
      pMin: toJsonNumber(this.#pMin), sMin: toJsonNumber(this.#sMin), psMin: toJsonNumber(this.#psMin),
    });
  }

  restore(snapshot: unknown): void {
    const { params, state } = readSnapshot('ddm', snapshot);
    const p = parseParams(params);
    const f = {
      drift: state.bool('drift'), warning: state.bool('warning'), n: state.int('n', 0), p: state.num('p'),
      pMin: state.numOrInf('pMin', 1), sMin: state.numOrInf('sMin', 1), psMin: state.numOrInf('psMin', 1),
    };
    this.#params = p;
    this.#drift = f.drift;
    this.#warning = f.warning;
    this.#n = f.n;
    this.#p = f.p;
    this.#pMin = f.pMin;
    this.#sMin = f.sMin;
    this.#psMin = f.psMin;
  }
}
