// A seeded random source (mulberry32): the demo's data, incidents and timings repeat for a seed.

export interface Random {
  /** Uniform in (0, 1). */
  uniform(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Poisson with mean `lambda` (Knuth; small means only). */
  poisson(lambda: number): number;
  /** One of `choices` by weight (weights need not sum to 1). */
  pick<T>(choices: readonly (readonly [T, number])[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((((t ^ (t >>> 14)) >>> 0) + 0.5) / 4_294_967_296);
  };
  return {
    uniform,
    normal: () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
    poisson(lambda) {
      const limit = Math.exp(-lambda);
      let k = 0;
      for (let p = uniform(); p > limit; p *= uniform()) k++;
      return k;
    },
    pick(choices) {
      const total = choices.reduce((sum, [, w]) => sum + w, 0);
      let r = uniform() * total;
      for (const [value, weight] of choices) {
        r -= weight;
        if (r < 0) return value;
      }
      const last = choices[choices.length - 1];
      if (last === undefined) throw new RangeError('pick needs at least one choice');
      return last[0];
    },
  };
}
