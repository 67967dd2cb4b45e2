import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createDetector, restoreDetector } from '../src/index.ts';
import type { DetectorResult } from '../src/index.ts';
import { ALL_KINDS, BINARY_KINDS, REAL_KINDS, binaryStepStream, isBinaryKind, stepStream } from './support/streams.ts';

function feed(detector: { update(x: number): DetectorResult }, xs: readonly number[]): string {
  return xs.map((x) => {
    const r = detector.update(x);
    return r.drift ? (r.warning ? 'B' : 'D') : r.warning ? 'W' : '.';
  }).join('');
}

/** A stream with 0–3 regime changes: binary rates for binary detectors, levels and scales otherwise. */
const streamFor = (kind: string): fc.Arbitrary<number[]> =>
  fc.tuple(fc.integer({ min: 0, max: 2 ** 31 }), fc.array(fc.tuple(fc.integer({ min: 1, max: 700 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true })), { minLength: 1, maxLength: 4 }))
    .map(([seed, regimes]) => regimes.flatMap(([n, a, b], k) => (isBinaryKind(kind)
      ? binaryStepStream({ seed: seed + k, n0: n, n1: 0, p0: a, p1: a })
      : stepStream({ seed: seed + k, n0: n, n1: 0, level: b, step: 0, noise: a * 10 }))));

const paramsFor: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'adwin': fc.record({ clock: fc.constantFrom(1, 4, 32), delta: fc.constantFrom(0.002, 0.1) }),
  'page-hinkley': fc.record({ mode: fc.constantFrom('up', 'down', 'both'), threshold: fc.constantFrom(5, 50) }),
  'kswin': fc.record({ seed: fc.integer({ min: 0, max: 1000 }), alpha: fc.constantFrom(0.005, 0.05) }),
  'cusum': fc.record({ k: fc.constantFrom(0.25, 0.5), h: fc.constantFrom(2, 5) }),
  'ddm': fc.record({ warmStart: fc.constantFrom(10, 30) }),
  'eddm': fc.record({ warmStart: fc.constantFrom(10, 30) }),
  'hddm-a': fc.record({ twoSidedTest: fc.boolean() }),
  'hddm-w': fc.record({ twoSidedTest: fc.boolean(), lambda: fc.constantFrom(0.05, 0.2) }),
};

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(allFinite);
  return true;
}

describe.each(ALL_KINDS.map((k) => [k]))('%s properties', (kind) => {
  test.prop([paramsFor[kind]!, streamFor(kind), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 40 })(
    'snapshot → JSON → restore at any point gives identical future outputs and state',
    (params, stream, at) => {
      const split = Math.floor(at * stream.length);
      const whole = createDetector({ kind, params });
      const expected = feed(whole, stream);
      const first = createDetector({ kind, params });
      const head = feed(first, stream.slice(0, split));
      const restored = restoreDetector(JSON.parse(JSON.stringify(first.snapshot())));
      expect(head + feed(restored, stream.slice(split))).toBe(expected);
      expect(restored.snapshot()).toEqual(whole.snapshot());
    },
  );

  test.prop([paramsFor[kind]!, streamFor(kind)], { numRuns: 30 })('never puts NaN or Infinity in a snapshot, which is plain JSON', (params, stream) => {
    const detector = createDetector({ kind, params });
    for (const [i, x] of stream.entries()) {
      detector.update(x);
      if (i % 97 !== 0) continue;
      const snap = detector.snapshot();
      expect(allFinite(snap)).toBe(true);
      expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    }
  });

  test.prop([isBinaryKind(kind) ? fc.constantFrom(0, 1) : fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 1, max: 5000 })], { numRuns: 25 })(
    'never fires on a constant stream',
    (value, n) => {
      const detector = createDetector({ kind });
      const out = feed(detector, Array.from({ length: n }, () => value));
      expect(out).not.toMatch(/[DB]/);
    },
  );

  test.prop([paramsFor[kind]!, streamFor(kind), fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e101, 0.5, 2, -1)])(
    'rejects invalid input with a typed error and leaves the state untouched',
    (params, stream, bad) => {
      const detector = createDetector({ kind, params });
      feed(detector, stream);
      const before = JSON.stringify(detector.snapshot());
      const binary = isBinaryKind(kind);
      if (!binary && Number.isFinite(bad) && Math.abs(bad) <= 1e100) return;
      expect(() => detector.update(bad)).toThrow(expect.objectContaining({
        code: binary ? 'DL_DETECTOR_NON_BINARY_INPUT' : 'DL_DETECTOR_INVALID_INPUT',
        retriable: false,
      }));
      expect(JSON.stringify(detector.snapshot())).toBe(before);
    },
  );
});

describe.each(REAL_KINDS.map((k) => [k]))('%s on a step change', (kind) => {
  test.prop([fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 200, max: 1000 }), fc.double({ min: -100, max: 100, noNaN: true }),
    fc.double({ min: 2, max: 100, noNaN: true }), fc.boolean(), fc.double({ min: 0, max: 0.1, noNaN: true })], { numRuns: 30 })(
    'fires after a large enough step in level',
    (seed, n0, level, size, up, noise) => {
      // KSWIN (alpha 0.005) false-alarms about once per few hundred noisy samples; one just before the
      // change restarts its window after the change, so it sees no difference: give it a clean step.
      const stream = stepStream({ seed, n0, n1: 2000, level, step: up ? size : -size, noise: kind === 'kswin' ? 0 : noise });
      const out = feed(createDetector({ kind }), stream);
      expect(out.slice(n0)).toMatch(/D/);
    },
  );
});

describe.each(BINARY_KINDS.map((k) => [k]))('%s on a step change', (kind) => {
  test.prop([fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 300, max: 1000 }), fc.double({ min: 0, max: 0.1, noNaN: true }), fc.double({ min: 0.9, max: 1, noNaN: true })], { numRuns: 30 })(
    'fires after a large enough step in error rate',
    (seed, n0, p0, p1) => {
      const stream = binaryStepStream({ seed, n0, n1: 2000, p0, p1 });
      const out = feed(createDetector({ kind }), stream);
      expect(out.slice(n0)).toMatch(/[DB]/);
    },
  );
});
