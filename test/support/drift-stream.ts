// A synthetic prediction stream for detector tests: features income ~ N(50, 10) and age ~ N(40, 8),
// three regions, a score ~ N(0.5, 0.1); optionally an abrupt shift of one feature in one region
// from record `shiftAt` on. Deterministic (seeded LCG + Box-Muller).
import type { GroundTruth, PredictionLog } from '@driftline/schemas';

export const REGIONS = ['eu', 'us', 'apac'] as const;
export const STREAM_T0 = 1_795_000_000_000;
export const STREAM_STEP_MS = 50;

export interface ShiftOptions {
  readonly modelId: string;
  readonly n: number;
  readonly shift?: { readonly at: number; readonly feature: 'income' | 'age'; readonly region: string; readonly by: number };
  readonly seed?: number;
  /** `uniform`: scores uniform in [0, 1], so labels drawn from them make a 25 % error rate; default N(0.5, 0.1). */
  readonly scores?: 'normal' | 'uniform';
}

function normals(seed: number): () => number {
  let s = seed >>> 0;
  const u = (): number => { s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0; return (s + 1) / (2 ** 32 + 1); };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** A uniform [0, 1] value from a standard normal one (its CDF, by the logistic approximation). */
function uniform(z: () => number): number {
  return 1 / (1 + Math.exp(-1.702 * z()));
}

/**
 * Ground truth for predictions: positive (`decline`) with the probability the score says, arriving
 * `delayMs` after the prediction; from record `flip.at` on, in `flip.region`, the truth is flipped
 * (a concept drift: the same inputs now mean the opposite).
 */
export function buildLabels(predictions: readonly PredictionLog[], options: { delayMs: number; flip?: { readonly at: number; readonly region: string }; seed?: number }): GroundTruth[] {
  let s = (options.seed ?? 99) >>> 0;
  const u = (): number => { s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0; return s / 2 ** 32; };
  return predictions.map((p, i) => {
    const score = p.prediction.score ?? 0.5;
    const flipped = options.flip !== undefined && i >= options.flip.at && p.slice['region'] === options.flip.region;
    const positive = u() < (flipped ? 1 - score : score);
    return { requestId: p.requestId, modelId: p.modelId, label: positive ? 'decline' : 'approve', value: null, timestamp: p.timestamp + options.delayMs };
  });
}

export function buildDriftStream(options: ShiftOptions): PredictionLog[] {
  const z = normals(options.seed ?? 42);
  return Array.from({ length: options.n }, (_, i) => {
    const region = REGIONS[i % REGIONS.length] ?? 'eu';
    const features: Record<string, number> = { income: 50 + 10 * z(), age: 40 + 8 * z() };
    const s = options.shift;
    if (s !== undefined && i >= s.at && region === s.region) features[s.feature] = (features[s.feature] ?? 0) + s.by;
    return {
      requestId: `${options.modelId}-${i}`, modelId: options.modelId, modelVersion: '1', timestamp: STREAM_T0 + i * STREAM_STEP_MS, features,
      prediction: { label: null, score: options.scores === 'uniform' ? uniform(z) : Math.min(1, Math.max(0, 0.5 + 0.1 * z())) }, slice: { region }, subjectId: null,
    };
  });
}
