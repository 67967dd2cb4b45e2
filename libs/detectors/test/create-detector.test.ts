import { describe, expect, it } from 'vitest';
import { DETECTOR_KINDS, createDetector, restoreDetector } from '../src/index.ts';

const code = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return undefined;
};

describe('createDetector', () => {
  it('builds every kind with River defaults', () => {
    for (const kind of DETECTOR_KINDS) expect(createDetector({ kind }).kind).toBe(kind);
    expect(createDetector({ kind: 'adwin' }).params).toEqual({ delta: 0.002, clock: 32, maxBuckets: 5, minWindowLength: 5, gracePeriod: 10 });
    expect(createDetector({ kind: 'page-hinkley' }).params).toEqual({ minInstances: 30, delta: 0.005, threshold: 50, alpha: 1 - 0.0001, mode: 'both' });
    expect(createDetector({ kind: 'kswin' }).params).toEqual({ alpha: 0.005, windowSize: 100, statSize: 30, seed: 42 });
    expect(createDetector({ kind: 'hddm-w' }).params).toEqual({ driftConfidence: 0.001, warningConfidence: 0.005, twoSidedTest: false, lambda: 0.05 });
  });

  it('rejects unknown kinds, unknown params and out-of-range params with typed errors', () => {
    expect(code(() => createDetector({ kind: 'adwinn' }))).toBe('DL_DETECTOR_UNKNOWN_KIND');
    expect(code(() => createDetector({ kind: 'adwin', params: { max_buckets: 3 } }))).toBe('DL_DETECTOR_INVALID_PARAM');
    expect(code(() => createDetector({ kind: 'adwin', params: { delta: 0 } }))).toBe('DL_DETECTOR_INVALID_PARAM');
    expect(code(() => createDetector({ kind: 'adwin', params: { clock: 1.5 } }))).toBe('DL_DETECTOR_INVALID_PARAM');
    expect(code(() => createDetector({ kind: 'page-hinkley', params: { mode: 'sideways' } }))).toBe('DL_DETECTOR_INVALID_PARAM');
    expect(code(() => createDetector({ kind: 'kswin', params: { windowSize: 50, statSize: 30 } }))).toBe('DL_DETECTOR_INVALID_PARAM');
    expect(code(() => createDetector({ kind: 'eddm', params: { alpha: 0.5, beta: 0.9 } }))).toBe('DL_DETECTOR_INVALID_PARAM');
    expect(code(() => createDetector({ kind: 'cusum', params: { mean: 0 } }))).toBe('DL_DETECTOR_INVALID_PARAM');
    expect(code(() => createDetector({ kind: 'ddm', params: 'fast' }))).toBe('DL_DETECTOR_INVALID_PARAM');
  });

  it('names the parameter and the rule in the message', () => {
    expect(() => createDetector({ kind: 'hddm-a', params: { driftConfidence: 2 } })).toThrow("hddm-a: parameter 'driftConfidence' must be < 1, got 2");
  });
});

describe('restoreDetector', () => {
  it('rebuilds the detector a snapshot came from', () => {
    const ph = createDetector({ kind: 'page-hinkley', params: { mode: 'up' } });
    for (let i = 0; i < 100; i++) ph.update(i % 3);
    const copy = restoreDetector(JSON.parse(JSON.stringify(ph.snapshot())));
    expect(copy.snapshot()).toEqual(ph.snapshot());
  });

  it('rejects snapshots of the wrong kind, version or shape', () => {
    const snap = createDetector({ kind: 'adwin' }).snapshot();
    expect(code(() => restoreDetector({ ...snap, kind: 'nope' }))).toBe('DL_DETECTOR_UNKNOWN_KIND');
    expect(code(() => restoreDetector({ ...snap, version: 2 }))).toBe('DL_DETECTOR_UNSUPPORTED_VERSION');
    expect(code(() => restoreDetector({ ...snap, state: { ...snap.state, total: null } }))).toBe('DL_DETECTOR_INVALID_SNAPSHOT');
    expect(code(() => restoreDetector({ ...snap, state: { ...snap.state, width: 3 } }))).toBe('DL_DETECTOR_INVALID_SNAPSHOT');
    expect(code(() => { createDetector({ kind: 'ddm' }).restore(snap); })).toBe('DL_DETECTOR_INVALID_SNAPSHOT');
    const kswin = createDetector({ kind: 'kswin' }).snapshot();
    expect(code(() => restoreDetector({ ...kswin, state: { ...kswin.state, rng: 'AAAA' } }))).toBe('DL_DETECTOR_INVALID_SNAPSHOT');
  });

  it('leaves the detector unchanged when a restore fails', () => {
    const adwin = createDetector({ kind: 'adwin' });
    for (let i = 0; i < 50; i++) adwin.update(i);
    const before = JSON.stringify(adwin.snapshot());
    const bad = { ...adwin.snapshot(), state: { ...adwin.snapshot().state, rows: [[1, 0, 2]] } };
    expect(code(() => { adwin.restore(bad); })).toBe('DL_DETECTOR_INVALID_SNAPSHOT');
    expect(JSON.stringify(adwin.snapshot())).toBe(before);
  });
});
