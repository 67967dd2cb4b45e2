import { describe, expect, it } from 'vitest';
import { Adwin, createDetector } from '../src/index.ts';
import { loadRiverFixtures, toFixtureStream } from './support/river-fixtures.ts';

/** Runs a detector over a stream, collecting drift indices and warning ranges like the fixture script. */
function run(kind: string, params: Record<string, unknown>, stream: Float64Array) {
  const detector = createDetector({ kind, params });
  const drifts: number[] = [];
  const warnings: [number, number][] = [];
  stream.forEach((x, i) => {
    const r = detector.update(x);
    if (r.drift) drifts.push(i);
    if (r.warning) {
      const last = warnings.at(-1);
      if (last?.[1] === i) last[1] = i + 1;
      else warnings.push([i, i + 1]);
    }
  });
  return { detector, drifts, warnings };
}

const fixtures = loadRiverFixtures();

describe('River 0.26.1 parity', () => {
  it('has fixtures for every River detector on at least 6 streams', () => {
    const streamsPerKind = new Map<string, Set<string>>();
    for (const f of fixtures) for (const c of f.cases) streamsPerKind.set(c.kind, (streamsPerKind.get(c.kind) ?? new Set()).add(f.name));
    for (const kind of ['adwin', 'page-hinkley', 'kswin', 'ddm', 'eddm', 'hddm-a', 'hddm-w']) {
      expect(streamsPerKind.get(kind)?.size ?? 0, kind).toBeGreaterThanOrEqual(6);
    }
    expect(fixtures.some((f) => f.fingerprint.n >= 100_000)).toBe(true);
  });

  describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const stream = toFixtureStream(fixture);

    it('regenerates the stream River saw (length and sum)', () => {
      expect(stream.length).toBe(fixture.fingerprint.n);
      let sum = 0;
      for (const x of stream) sum += x;
      expect(sum).toBe(fixture.fingerprint.sum);
    });

    it.each(fixture.cases.map((c) => [`${c.kind} ${JSON.stringify(c.params)}`, c] as const))('%s gives River\'s exact drift and warning indices', (_label, c) => {
      const { detector, drifts, warnings } = run(c.kind, c.params, stream);
      expect(drifts).toEqual(c.drifts);
      expect(warnings).toEqual(c.warnings);
      if (c.final !== undefined && detector instanceof Adwin) {
        expect({ width: detector.width, total: detector.total, variance: detector.variance }).toEqual(c.final);
      }
    });
  });
});
