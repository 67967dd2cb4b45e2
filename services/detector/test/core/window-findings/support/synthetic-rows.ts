// Seeded synthetic prediction rows for the window-findings tests: features, slices, a score that
// depends on income and age, the predicted and the actual label.

export interface SyntheticRow {
  readonly features: Record<string, unknown>;
  readonly slice: { readonly region: string; readonly channel: string };
  readonly score: number;
  readonly predicted: string;
  readonly actual: string;
  /** Regression error score − value. */
  readonly error: number;
}

export interface RowOptions {
  readonly n: number;
  readonly seed: number;
  /** The regions the changes below apply to (all when absent). */
  readonly regions?: readonly string[];
  /** Multiplies income. */
  readonly incomeFactor?: number;
  /** Share of missing debt_ratio. */
  readonly missingDebt?: number;
  /** Probability that the actual label equals the predicted one, per region (default 0.9). */
  readonly accuracy?: Readonly<Record<string, number>>;
  /** Relative frequency of each region (default equal). */
  readonly regionWeights?: Readonly<Record<string, number>>;
  /** Score ignores income (breaks the feature–score correlation). */
  readonly scoreIgnoresIncome?: boolean;
  /** Probability of "decline" as the actual label regardless of the prediction (label drift). */
  readonly declineRate?: number;
  /** Standard deviation of the regression error (default 1). */
  readonly errorScale?: number;
  /** Extra false positives in one region: actual "approve" while predicted "decline". */
  readonly falsePositiveRegion?: string;
}

export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const regions = ['eu', 'us', 'apac'];

function pick(rng: () => number, weights: Readonly<Record<string, number>> | undefined): string {
  const w = regions.map((r) => weights?.[r] ?? 1);
  let u = rng() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < regions.length; i += 1) {
    u -= w[i] ?? 0;
    if (u < 0) return regions[i] ?? 'eu';
  }
  return 'apac';
}

export function toSyntheticRows(options: RowOptions): SyntheticRow[] {
  const rng = createRng(options.seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Array.from({ length: options.n }, (_, i) => {
    const region = pick(rng, options.regionWeights);
    const affected = options.regions === undefined || options.regions.includes(region);
    const income = Math.exp(10.8 + 0.4 * normal()) * (affected ? (options.incomeFactor ?? 1) : 1);
    const age = 18 + 60 * rng();
    const debt = affected && rng() < (options.missingDebt ?? 0) ? null : 2 * rng();
    const features = {
      age, income, debt_ratio: debt,
      employment: rng() < 0.6 ? 'employed' : rng() < 0.5 ? 'retired' : 'student',
      city: `c${Math.floor(rng() * 8)}`,
      has_card: rng() < 0.4,
      email: `person${i}@example.com`,
      region,
    };
    const z = (options.scoreIgnoresIncome === true && affected ? 0 : (Math.log(income) - 10.8) / 0.4) + (age - 48) / 30 + 0.7 * normal();
    const score = 1 / (1 + Math.exp(-z));
    const predicted = score >= 0.5 ? 'decline' : 'approve';
    let actual = rng() < (options.accuracy?.[region] ?? 0.9) ? predicted : (predicted === 'decline' ? 'approve' : 'decline');
    if (options.declineRate !== undefined && affected) actual = rng() < options.declineRate ? 'decline' : 'approve';
    if (options.falsePositiveRegion === region && predicted === 'decline' && rng() < 0.5) actual = 'approve';
    const error = normal() * (affected ? (options.errorScale ?? 1) : 1);
    return { features, slice: { region, channel: i % 2 === 0 ? 'web' : 'app' }, score, predicted, actual, error };
  });
}
