import { createParamReader } from '../core/params.ts';

export interface HddmParams {
  readonly driftConfidence: number;
  readonly warningConfidence: number;
  /** Also detect decreases of the error rate. */
  readonly twoSidedTest: boolean;
  /** HDDM_W only: EWMA weight of the newest sample. */
  readonly lambda: number;
}

/** Parameters shared by HDDM_A and HDDM_W (River 0.26.1 defaults). */
export function parseHddmParams<W extends boolean>(kind: string, input: unknown, weighted: W): W extends true ? HddmParams : Omit<HddmParams, 'lambda'> {
  const keys = ['driftConfidence', 'warningConfidence', 'twoSidedTest'];
  const r = createParamReader(kind, input, weighted ? [...keys, 'lambda'] : keys);
  const driftConfidence = r.number('driftConfidence', 0.001, { min: 0, max: 1, open: 'both' });
  const warningConfidence = r.number('warningConfidence', 0.005, { min: 0, max: 1, open: 'both' });
  const twoSidedTest = r.boolean('twoSidedTest', false);
  const base = { driftConfidence, warningConfidence, twoSidedTest };
  const params = weighted ? { ...base, lambda: r.number('lambda', 0.05, { min: 0, max: 1, open: 'min' }) } : base;
  return Object.freeze(params) as W extends true ? HddmParams : Omit<HddmParams, 'lambda'>;
}
