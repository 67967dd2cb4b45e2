import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createTopK, mergeTopK, recordTopK, toTopKSummary } from '../../src/accumulators/top-k.ts';

// Skewed streams over a small alphabet, so heavy hitters exist and pruning happens.
const stream = fc.array(fc.integer({ min: 0, max: 40 }).map((i) => `v${Math.floor(i * i / 40)}`), { maxLength: 300 });

function fold(xs: readonly string[], capacity: number) {
  const s = createTopK(capacity);
  for (const x of xs) recordTopK(s, x);
  return s;
}

function trueCounts(xs: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function checkBound(xs: readonly string[], summary: ReturnType<typeof toTopKSummary>): void {
  const truth = trueCounts(xs);
  expect(summary.total).toBe(xs.length);
  for (const e of summary.top) {
    const t = truth.get(e.value) ?? 0;
    expect(e.count).toBeLessThanOrEqual(t);
    expect(t - e.count).toBeLessThanOrEqual(summary.maxUndercount + 1e-9);
  }
  expect(summary.other + summary.top.reduce((s, e) => s + e.count, 0)).toBe(xs.length);
}

describe('top-K (Misra-Gries)', () => {
  it('is exact while the number of distinct values fits', () => {
    const s = toTopKSummary(fold(['x', 'y', 'x', 'z', 'x', 'y'], 5));
    expect(s.top).toEqual([{ value: 'x', count: 3 }, { value: 'y', count: 2 }, { value: 'z', count: 1 }]);
    expect(s.other).toBe(0);
    expect(s.maxUndercount).toBe(0);
  });

  it.prop([stream, fc.integer({ min: 1, max: 8 })])('never overcounts and undercounts by at most the stated bound', (xs, k) => {
    checkBound(xs, toTopKSummary(fold(xs, k)));
  });

  it.prop([stream, stream, stream, fc.integer({ min: 1, max: 8 })])('merged summaries keep the bound in any grouping', (a, b, c, k) => {
    const [sa, sb, sc] = [fold(a, k), fold(b, k), fold(c, k)];
    const all = [...a, ...b, ...c];
    checkBound(all, toTopKSummary(mergeTopK(mergeTopK(sa, sb), sc)));
    checkBound(all, toTopKSummary(mergeTopK(sa, mergeTopK(sb, sc))));
  });

  it.prop([stream])('keeps every value whose share exceeds 1/(k+1)', (xs) => {
    const k = 4;
    const kept = new Set(toTopKSummary(fold(xs, k)).top.map((e) => e.value));
    for (const [v, c] of trueCounts(xs)) if (c > xs.length / (k + 1)) expect(kept.has(v)).toBe(true);
  });

  it('handles keys such as __proto__ safely', () => {
    const s = toTopKSummary(fold(['__proto__', '__proto__', 'constructor'], 3));
    expect(s.top[0]).toEqual({ value: '__proto__', count: 2 });
  });
});
