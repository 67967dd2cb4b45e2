import { createParamReader } from '../core/params.ts';

export interface AdwinParams {
  /** Significance δ of the cut test. */
  readonly delta: number;
  /** Run the cut test only on every `clock`-th update since the last (re)start. */
  readonly clock: number;
  /** M: buckets kept per size before two are merged. */
  readonly maxBuckets: number;
  /** Minimum length of each sub-window in a cut test. */
  readonly minWindowLength: number;
  /** No test while the window holds at most this many items. */
  readonly gracePeriod: number;
}

/** River 0.26.1 defaults; validates user params. */
export function parseAdwinParams(input: unknown): AdwinParams {
  const r = createParamReader('adwin', input, ['delta', 'clock', 'maxBuckets', 'minWindowLength', 'gracePeriod']);
  return Object.freeze({
    delta: r.number('delta', 0.002, { min: 0, max: 1, open: 'both' }),
    clock: r.integer('clock', 32, 1),
    maxBuckets: r.integer('maxBuckets', 5, 1),
    minWindowLength: r.integer('minWindowLength', 5, 1),
    gracePeriod: r.integer('gracePeriod', 10, 0),
  });
}
