import { describe, expect, it } from 'vitest';
import { createQuantileSketch, recordQuantile } from '../../src/accumulators/quantile-sketch.ts';
import { createHistogram } from '../../src/accumulators/histogram.ts';
import { toQuantileEdges } from '../../src/profile/profile-builder.ts';

const constant = (x: number): number[] => {
  const sketch = createQuantileSketch();
  recordQuantile(sketch, x);
  recordQuantile(sketch, x);
  return toQuantileEdges(sketch, 10);
};

describe('toQuantileEdges', () => {
  it('puts a constant feature in one bin of width 1', () => {
    expect(constant(41)).toEqual([40.5, 41.5]);
    expect(constant(-3e15)).toEqual([-3e15 - 0.5, -3e15 + 0.5]);
  });

  it('still gives a bin to a constant so large that ±0.5 rounds to itself (valid histogram edges)', () => {
    for (const x of [1e300, -1e300, 2 ** 60, Number.MAX_VALUE, -Number.MAX_VALUE]) {
      const edges = constant(x);
      expect(() => createHistogram(edges)).not.toThrow();
      expect(edges[0]).toBeLessThanOrEqual(x);
      expect(edges[1]).toBeGreaterThanOrEqual(x);
    }
  });
});
