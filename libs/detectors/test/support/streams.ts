import { PythonRandom } from '../../src/kswin/python-random.ts';

export const BINARY_KINDS = ['ddm', 'eddm', 'hddm-a', 'hddm-w'] as const;
export const REAL_KINDS = ['adwin', 'page-hinkley', 'kswin', 'cusum'] as const;
export const ALL_KINDS = [...REAL_KINDS, ...BINARY_KINDS] as const;

export function isBinaryKind(kind: string): boolean {
  return (BINARY_KINDS as readonly string[]).includes(kind);
}

/** n0 values around `level` then n1 around `level + step`, uniform noise of ±noise, seeded. */
export function stepStream(o: { seed: number; n0: number; n1: number; level: number; step: number; noise: number }): number[] {
  const rng = new PythonRandom(o.seed);
  return Array.from({ length: o.n0 + o.n1 }, (_, i) => (i < o.n0 ? o.level : o.level + o.step) + o.noise * (2 * rng.random() - 1));
}

/** Bernoulli draws with rate p0 for n0 samples then p1 for n1 samples, seeded. */
export function binaryStepStream(o: { seed: number; n0: number; n1: number; p0: number; p1: number }): number[] {
  const rng = new PythonRandom(o.seed);
  return Array.from({ length: o.n0 + o.n1 }, (_, i) => (rng.random() < (i < o.n0 ? o.p0 : o.p1) ? 1 : 0));
}
