import { PythonRandom } from '../kswin/python-random.ts';

/**
 * Seeded synthetic streams, defined so that Python (`scripts/streams.py`, with `random.Random`)
 * and TypeScript produce bit-identical values: only `random()` draws and IEEE +, −, ×, ÷, %.
 * A normal deviate is Irwin–Hall: (sum of 12 uniforms) − 6.
 */
export type StreamSegment =
  | { readonly kind: 'normal'; readonly n: number; readonly mean: number; readonly sd: number }
  | { readonly kind: 'ramp'; readonly n: number; readonly from: number; readonly to: number; readonly sd: number }
  | { readonly kind: 'uniform'; readonly n: number; readonly lo: number; readonly hi: number }
  | { readonly kind: 'bernoulli'; readonly n: number; readonly p: number }
  | { readonly kind: 'bernoulli-ramp'; readonly n: number; readonly from: number; readonly to: number }
  /** x_i = 1 iff frac(i·0.6180339887498949) < p, i the global index: needs no RNG. */
  | { readonly kind: 'golden'; readonly n: number; readonly p: number };

export interface StreamRecipe {
  readonly seed: number;
  readonly segments: readonly StreamSegment[];
}

const PHI = 0.6180339887498949;

function gauss(rng: PythonRandom): number {
  let s = 0;
  for (let k = 0; k < 12; k++) s += rng.random();
  return s - 6;
}

function draw(seg: StreamSegment, j: number, i: number, rng: PythonRandom): number {
  switch (seg.kind) {
    case 'normal':
      return seg.mean + seg.sd * gauss(rng);
    case 'ramp':
      return seg.from + (seg.to - seg.from) * (j / seg.n) + seg.sd * gauss(rng);
    case 'uniform':
      return seg.lo + (seg.hi - seg.lo) * rng.random();
    case 'bernoulli':
      return rng.random() < seg.p ? 1 : 0;
    case 'bernoulli-ramp':
      return rng.random() < seg.from + (seg.to - seg.from) * (j / seg.n) ? 1 : 0;
    case 'golden':
      return (i * PHI) % 1 < seg.p ? 1 : 0;
  }
}

/** Generates the stream a recipe describes. */
export function generateStream(recipe: StreamRecipe): Float64Array {
  const total = recipe.segments.reduce((sum, seg) => sum + seg.n, 0);
  const out = new Float64Array(total);
  const rng = new PythonRandom(recipe.seed);
  let i = 0;
  for (const seg of recipe.segments) {
    for (let j = 0; j < seg.n; j++, i++) out[i] = draw(seg, j, i, rng);
  }
  return out;
}

