import type { DetectorResult, DetectorSnapshot, DriftDetector } from '../core/detector.ts';
import { toResult } from '../core/detector.ts';
import { checkBinary } from '../core/input.ts';
import { readSnapshot, toJsonNumber, toSnapshot } from '../core/snapshot.ts';
import type { StateReader } from '../core/snapshot.ts';
import { parseHddmParams } from './hddm-params.ts';
import type { HddmParams } from './hddm-params.ts';

export type HddmWParams = HddmParams;

/** An EWMA sample as [ewma, ibc, initialised (0/1)]. */
export type EwmaSampleState = [number, number, number];

export interface HddmWState {
  readonly drift: boolean;
  readonly warning: boolean;
  readonly total: EwmaSampleState;
  readonly s1Incr: EwmaSampleState;
  readonly s2Incr: EwmaSampleState;
  readonly s1Decr: EwmaSampleState;
  readonly s2Decr: EwmaSampleState;
  /** null = ±Infinity (no cut point yet). */
  readonly incrCut: number | null;
  readonly decrCut: number | null;
}

export type HddmWSnapshot = DetectorSnapshot<'hddm-w', HddmWParams, HddmWState>;

/** River's `SampleInfo`: EWMA (first update sets it to x), its bound coefficient ibc, and the init flag. */
class EwmaSample {
  ewma = 0;
  ibc = 1;
  init = false;

  update(x: number, lambda: number, oneMinus: number, lambdaSq: number, oneMinusSq: number): void {
    this.ewma = this.init ? lambda * x + oneMinus * this.ewma : x;
    this.ibc = lambdaSq + oneMinusSq * this.ibc;
    this.init = true;
  }

  set(ewma: number, ibc: number, init: boolean): void {
    this.ewma = ewma;
    this.ibc = ibc;
    this.init = init;
  }

  toJson(): EwmaSampleState {
    return [this.ewma, this.ibc, this.init ? 1 : 0];
  }
}

function readSample(state: StateReader, key: string): EwmaSample {
  const v = state.numbers(key, 3);
  const [ewma, ibc, init] = v;
  if (ewma === undefined || ibc === undefined || v.length !== 3 || (init !== 0 && init !== 1)) return state.reject(key, 'must be [ewma, ibc, 0|1]');
  const sample = new EwmaSample();
  sample.set(ewma, ibc, init === 1);
  return sample;
}

/** HDDM_W (Frías-Blanco et al. 2015, McDiarmid bound on EWMAs) as River 0.26.1's `HDDMW`. Input 0/1. */
export class HddmW implements DriftDetector<'hddm-w', HddmWParams, HddmWState> {
  readonly kind = 'hddm-w';
  #params: HddmWParams;
  #drift = false;
  #warning = false;
  #total = new EwmaSample();
  #s1Incr = new EwmaSample();
  #s2Incr = new EwmaSample();
  #s1Decr = new EwmaSample();
  #s2Decr = new EwmaSample();
  #incrCut = Infinity;
  #decrCut = -Infinity;
  #k = { lambda: 0, oneMinus: 0, lambdaSq: 0, oneMinusSq: 0, logDrift: 0, logWarning: 0 };

  constructor(params?: Partial<HddmWParams>) {
    this.#params = parseHddmParams('hddm-w', params, true);
    this.#setConstants();
  }

  get params(): HddmWParams {
    return this.#params;
  }

  #setConstants(): void {
    const { lambda, driftConfidence, warningConfidence } = this.#params;
    this.#k = {
      lambda, oneMinus: 1 - lambda, lambdaSq: lambda * lambda, oneMinusSq: (1 - lambda) * (1 - lambda),
      logDrift: Math.log(1 / driftConfidence), logWarning: Math.log(1 / warningConfidence),
    };
  }

  #feed(sample: EwmaSample, x: number): void {
    const k = this.#k;
    sample.update(x, k.lambda, k.oneMinus, k.lambdaSq, k.oneMinusSq);
  }

  /** True if sample b's EWMA exceeds a's by more than the McDiarmid bound. */
  static #changed(a: EwmaSample, b: EwmaSample, logConfidence: number): boolean {
    if (!(a.init && b.init)) return false;
    return b.ewma - a.ewma > Math.sqrt((a.ibc + b.ibc) * logConfidence / 2);
  }

  update(x: number): DetectorResult {
    checkBinary('hddm-w', x);
    const k = this.#k;
    if (this.#drift) this.#reset();
    const total = this.#total;
    this.#feed(total, x);
    const eps = Math.sqrt(total.ibc * k.logDrift / 2);
    if (total.ewma + eps < this.#incrCut) {
      this.#incrCut = total.ewma + eps;
      this.#s1Incr.set(total.ewma, total.ibc, total.init);
      this.#s2Incr.set(0, 1, false);
    } else {
      this.#feed(this.#s2Incr, x);
    }
    this.#drift = HddmW.#changed(this.#s1Incr, this.#s2Incr, k.logDrift);
    this.#warning = !this.#drift && HddmW.#changed(this.#s1Incr, this.#s2Incr, k.logWarning);
    if (total.ewma - eps > this.#decrCut) {
      this.#decrCut = total.ewma - eps;
      this.#s1Decr.set(total.ewma, total.ibc, total.init);
      this.#s2Decr.set(0, 1, false);
    } else {
      this.#feed(this.#s2Decr, x);
    }
    if (this.#params.twoSidedTest) {
      if (HddmW.#changed(this.#s2Decr, this.#s1Decr, k.logDrift)) this.#drift = true;
      else if (HddmW.#changed(this.#s2Decr, this.#s1Decr, k.logWarning)) this.#warning = true;
    }
    return toResult(this.#drift, this.#warning);
  }

  #reset(): void {
    this.#drift = false;
    this.#warning = false;
    for (const sample of [this.#total, this.#s1Incr, this.#s2Incr, this.#s1Decr, this.#s2Decr]) sample.set(0, 1, false);
    this.#incrCut = Infinity;
    this.#decrCut = -Infinity;
  }

  snapshot(): HddmWSnapshot {
    return toSnapshot('hddm-w', this.#params, {
      drift: this.#drift, warning: this.#warning, total: this.#total.toJson(), s1Incr: this.#s1Incr.toJson(),
      s2Incr: this.#s2Incr.toJson(), s1Decr: this.#s1Decr.toJson(), s2Decr: this.#s2Decr.toJson(),
      incrCut: toJsonNumber(this.#incrCut), decrCut: toJsonNumber(this.#decrCut),
    });
  }

  restore(snapshot: unknown): void {
    const { params, state } = readSnapshot('hddm-w', snapshot);
    const p = parseHddmParams('hddm-w', params, true);
    const f = {
      drift: state.bool('drift'), warning: state.bool('warning'), total: readSample(state, 'total'),
      s1Incr: readSample(state, 's1Incr'), s2Incr: readSample(state, 's2Incr'), s1Decr: readSample(state, 's1Decr'),
      s2Decr: readSample(state, 's2Decr'), incrCut: state.numOrInf('incrCut', 1), decrCut: state.numOrInf('decrCut', -1),
    };
    this.#params = p;
    this.#setConstants();
    this.#drift = f.drift;
    this.#warning = f.warning;
    this.#total = f.total;
    this.#s1Incr = f.s1Incr;
    this.#s2Incr = f.s2Incr;
    this.#s1Decr = f.s1Decr;
    this.#s2Decr = f.s2Decr;
    this.#incrCut = f.incrCut;
    this.#decrCut = f.decrCut;
  }
}
