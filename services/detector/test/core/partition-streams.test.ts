import { describe, expect, it } from 'vitest';
import type { DetectorDeclaration } from '@driftline/schemas';
import { createPartitionStreams, observeRecord, restorePartitionStreams, toPartitionSnapshot, StreamSource } from '../../src/core/partition-streams.ts';
import type { Detection, Observation, PartitionStreams } from '../../src/core/partition-streams.ts';

const adwin: readonly DetectorDeclaration[] = [{ kind: 'adwin', params: { delta: 0.002 } }];
const options = { declarations: (_m: string, source: StreamSource) => (source === StreamSource.FEATURE ? adwin : []), holdMs: 5_000, explainMs: () => 600_000, minEffect: 0.5, minErrorRise: () => 0.025, minEvidence: () => 100 };

/** Deterministic pseudo-normal noise (sum of uniforms from an LCG). */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  const u = (): number => { s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0; return s / 2 ** 32; };
  return () => u() + u() + u() + u() - 2;
}

/** Records alternating between slices a and b; after `shiftAt`, feature x of slice a moves by `shift`. */
function stream(n: number, shiftAt: number, shift: number, seed = 1): Observation[] {
  const r = noise(seed);
  return Array.from({ length: n }, (_, i) => {
    const slice = i % 2 === 0 ? 's=a' : 's=b';
    const x = r() + (slice === 's=a' && i >= shiftAt ? shift : 0);
    return { modelId: 'm', version: '1', slices: ['overall', slice], eventTime: 1_000_000 + i * 10, offset: i, values: [[StreamSource.FEATURE, 'x', x]] };
  });
}

function run(ps: PartitionStreams, records: readonly Observation[]): Detection[] {
  return records.flatMap((o) => observeRecord(ps, o, options));
}

describe('partition streams', () => {
  it('stays quiet on a stationary stream', () => {
    expect(run(createPartitionStreams(), stream(20_000, Infinity, 0))).toEqual([]);
  });

  it('reports a shift in one slice at that slice, not overall, with the change start near the shift', () => {
    const detections = run(createPartitionStreams(), stream(20_000, 10_000, 1.5));

    expect(detections.length).toBeGreaterThan(0);
    const first = detections[0]!;
    expect([first.slice, first.feature, first.source]).toEqual(['s=a', 'x', 'feature']);
    expect(first.offset).toBeGreaterThan(10_000);
    expect(first.firing.after - first.firing.before).toBeGreaterThan(0.5);
    expect(Math.abs(first.firing.changeStart - (1_000_000 + 10_000 * 10))).toBeLessThan(10 * 2_000);
    expect(detections.filter((d) => d.slice === 'overall')).toEqual([]);
  });

  it('continues from a snapshot exactly as without it', () => {
    const records = stream(20_000, 10_000, 1.5, 7);
    const whole = run(createPartitionStreams(), records);
    const first = createPartitionStreams();
    const before = run(first, records.slice(0, 9_000));
    const restored = restorePartitionStreams(JSON.parse(JSON.stringify(toPartitionSnapshot(first))) as ReturnType<typeof toPartitionSnapshot>);
    const after = run(restored, records.slice(9_000));

    expect([...before, ...after].map((d) => [d.slice, d.offset])).toEqual(whole.map((d) => [d.slice, d.offset]));
  });

  it('releases an overall detection after the hold when no slice explains it', () => {
    // Both slices shift: each slice stream and the overall stream fire.
    const r = noise(3);
    const records: Observation[] = Array.from({ length: 20_000 }, (_, i) => ({
      modelId: 'm', version: '1', slices: ['overall'], eventTime: 1_000_000 + i * 10, offset: i, values: [[StreamSource.FEATURE, 'x', r() + (i >= 10_000 ? 2 : 0)]],
    }));
    const detections = run(createPartitionStreams(), records);

    expect(detections[0]?.slice).toBe('overall');
  });
});
