import { describe, expect, it } from 'vitest';
import { Cusum } from '../../src/index.ts';

describe('Cusum', () => {
  it('fires on the first sample past h·σ with a known target, both ways', () => {
    const up = new Cusum({ mean: 0, std: 1, k: 0.5, h: 5 });
    // each 2.0 adds 2 − 0.5 = 1.5 to S⁺: 1.5, 3, 4.5, 6 > 5 at the 4th sample
    expect([2, 2, 2, 2].map((x) => up.update(x).drift)).toEqual([false, false, false, true]);
    const down = new Cusum({ mean: 0, std: 1, k: 0.5, h: 5 });
    // each −3 adds 2.5 to S⁻: 2.5, 5 (not > 5), 7.5
    expect([-3, -3, -3].map((x) => down.update(x).drift)).toEqual([false, false, true]);
  });

  it('learns μ and σ from the warm-up and re-learns them after a detection', () => {
    const c = new Cusum({ warmup: 4 });
    for (const x of [1, 3, 1, 3]) expect(c.update(x).drift).toBe(false);
    expect(c.snapshot().state).toMatchObject({ calibrated: true, mu: 2, sigma: Math.sqrt(4 / 3) });
    let fired = false;
    for (let i = 0; i < 20 && !fired; i++) fired = c.update(10).drift;
    expect(fired).toBe(true);
    c.update(10);
    expect(c.snapshot().state).toMatchObject({ calibrated: false, n: 1, drift: false });
  });
});
