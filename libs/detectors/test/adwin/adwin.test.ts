import { describe, expect, it } from 'vitest';
import { Adwin } from '../../src/index.ts';

// Cases from River's test_adwin_regression.py and adwin.rs unit tests.
describe('Adwin', () => {
  it('keeps width, total and M2 of a short window', () => {
    const adwin = new Adwin();
    for (const x of [1, 2, 3, 4, 5]) adwin.update(x);
    expect([adwin.width, adwin.total, adwin.variance, adwin.estimation]).toEqual([5, 15, 10, 3]);
  });

  it('never detects on 5000 ones', () => {
    const adwin = new Adwin();
    for (let i = 0; i < 5000; i++) expect(adwin.update(1).drift).toBe(false);
    expect(adwin.width).toBe(5000);
  });

  it('keeps a 200-item window whole with a huge clock, variance = M2', () => {
    const adwin = new Adwin({ clock: 10 ** 6 });
    const xs = Array.from({ length: 200 }, (_, i) => i % 7);
    for (const x of xs) adwin.update(x);
    const mean = xs.reduce((a, b) => a + b, 0) / 200;
    expect(adwin.width).toBe(200);
    expect(adwin.variance).toBeCloseTo(xs.reduce((a, x) => a + (x - mean) ** 2, 0), 6);
  });

  it('does not test inside the grace period', () => {
    const adwin = new Adwin({ gracePeriod: 100, clock: 1 });
    const hits = [...Array<number>(50).fill(0), ...Array<number>(50).fill(1000)].filter((x) => adwin.update(x).drift);
    expect(hits).toEqual([]);
  });

  it('detects a large shift within 200 steps, then restarts from a window of 1', () => {
    const adwin = new Adwin({ delta: 0.01 });
    for (let i = 0; i < 200; i++) adwin.update(0);
    let at = -1;
    for (let i = 0; i < 200 && at < 0; i++) if (adwin.update(100).drift) at = i;
    expect(at).toBeGreaterThanOrEqual(0);
    expect(adwin.nDetections).toBe(1);
    adwin.update(100);
    expect([adwin.width, adwin.nDetections]).toEqual([1, 0]);
  });

  it('keeps its state when a NaN arrives right after a detection', () => {
    const adwin = new Adwin({ delta: 0.01 });
    for (let i = 0; i < 200; i++) adwin.update(0);
    while (!adwin.update(100).drift) { /* feed until the detection */ }
    const before = JSON.stringify(adwin.snapshot());
    expect(() => adwin.update(Number.NaN)).toThrow(/finite/);
    expect(JSON.stringify(adwin.snapshot())).toBe(before);
    adwin.update(100);
    expect(adwin.width).toBe(1);
  });
});
