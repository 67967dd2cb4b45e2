import type { StreamRecipe, StreamSegment } from '../src/evaluation/stream-recipe.ts';

/** 10^6-sample streams for the throughput benchmark: stationary, and drift-heavy (a change every 10^4). */
export const BENCH_LENGTH = 1_000_000;
const SEGMENTS = 100;

function repeat(make: (k: number) => StreamSegment): StreamSegment[] {
  return Array.from({ length: SEGMENTS }, (_, k) => make(k));
}

export const BENCH_STREAMS: Record<'real' | 'binary', Record<'stationary' | 'drift-heavy', StreamRecipe>> = {
  real: {
    'stationary': { seed: 101, segments: [{ kind: 'normal', n: BENCH_LENGTH, mean: 0, sd: 1 }] },
    'drift-heavy': { seed: 102, segments: repeat((k) => ({ kind: 'normal', n: BENCH_LENGTH / SEGMENTS, mean: k % 2 === 0 ? 0 : 3, sd: 1 })) },
  },
  binary: {
    'stationary': { seed: 103, segments: [{ kind: 'bernoulli', n: BENCH_LENGTH, p: 0.1 }] },
    'drift-heavy': { seed: 104, segments: repeat((k) => ({ kind: 'bernoulli', n: BENCH_LENGTH / SEGMENTS, p: k % 2 === 0 ? 0.1 : 0.5 })) },
  },
};
