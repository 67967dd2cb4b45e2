// A deterministic (seeded) synthetic model-input data set for the profile benchmark and report
// demos: 20 features (12 numeric, 6 categorical, 2 boolean), two slice attributes and a binary
// prediction. `shift` produces a "serving" variant with known drift in a few features and slices.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function pick<T>(rng: () => number, values: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng() * total;
  for (let i = 0; i < values.length; i += 1) {
    r -= weights[i] ?? 0;
    if (r < 0) return values[i] as T;
  }
  return values[values.length - 1] as T;
}

const regions = ['eu', 'us', 'apac', 'latam', 'mea'] as const;
const channels = ['web', 'app', 'branch'] as const;
const employment = ['employed', 'self-employed', 'unemployed', 'retired', 'student'] as const;
const marital = ['married', 'single', 'divorced', 'widowed'] as const;
const products = ['card', 'loan', 'mortgage', 'overdraft'] as const;
const devices = ['ios', 'android', 'desktop', 'other'] as const;
const merchants = Array.from({ length: 150 }, (_, i) => `m${String(i).padStart(3, '0')}`);
const merchantWeights = merchants.map((_, i) => 1 / (i + 1));

/** The monitor spec of the data set (YAML). */
export const benchSpecYaml = `modelId: bench
prediction: { type: binary, labels: [approve, decline], positiveLabel: decline }
features:
  - { name: age, type: numeric, range: { min: 18, max: 120 } }
  - { name: income, type: numeric, range: { min: 0 } }
  - { name: debt_ratio, type: numeric, range: { min: 0, max: 5 } }
  - { name: credit_lines, type: numeric, range: { min: 0, max: 100 } }
  - { name: tenure_months, type: numeric, range: { min: 0 } }
  - { name: balance, type: numeric }
  - { name: utilisation, type: numeric, range: { min: 0, max: 1 } }
  - { name: late_payments, type: numeric, range: { min: 0 } }
  - { name: txn_amount, type: numeric, range: { min: 0 } }
  - { name: txn_per_day, type: numeric, range: { min: 0 } }
  - { name: score_bureau, type: numeric, range: { min: 300, max: 850 } }
  - { name: session_seconds, type: numeric, range: { min: 0 } }
  - { name: employment, type: categorical, categories: [employed, self-employed, unemployed, retired, student] }
  - { name: marital_status, type: categorical, categories: [married, single, divorced, widowed] }
  - { name: product, type: categorical }
  - { name: device, type: categorical }
  - { name: merchant, type: categorical }
  - { name: email, type: categorical, pii: true }
  - { name: has_card, type: boolean }
  - { name: is_returning, type: boolean }
slices: { keys: [region, channel], maxValuesPerKey: 20 }
drift: { correction: benjamini-hochberg, alpha: 0.05, minSamples: 200 }
`;

export type DataFormat = 'jsonl' | 'csv';
const featureNames = ['age', 'income', 'debt_ratio', 'credit_lines', 'tenure_months', 'balance', 'utilisation', 'late_payments', 'txn_amount', 'txn_per_day',
  'score_bureau', 'session_seconds', 'employment', 'marital_status', 'product', 'device', 'merchant', 'email', 'has_card', 'is_returning'] as const;

/** One synthetic row; `shift` moves income (+35 %), utilisation, device mix, and age in region eu. */
function toRow(rng: () => number, i: number, shift: boolean): { features: Record<string, number | string | boolean | null>; region: string; channel: string; score: number } {
  const region = pick(rng, regions, shift ? [40, 30, 15, 10, 5] : [30, 35, 20, 10, 5]);
  const channel = pick(rng, channels, [50, 40, 10]);
  const age = Math.round(Math.min(90, Math.max(18, 42 + 13 * normal(rng) + (shift && region === 'eu' ? 9 : 0))));
  const income = Math.round(Math.exp(10.6 + 0.55 * normal(rng)) * (shift ? 1.35 : 1));
  const debt = Math.max(0, 0.35 + 0.2 * normal(rng));
  const utilisation = Math.min(1, Math.max(0, shift ? 0.25 + 0.7 * rng() ** 0.6 : rng() ** 1.5));
  const late = Math.floor(-Math.log(Math.max(rng(), 1e-12)) * 0.7);
  const bureau = Math.round(Math.min(850, Math.max(300, 680 + 60 * normal(rng))));
  const features: Record<string, number | string | boolean | null> = {
    age, income, debt_ratio: Number(debt.toFixed(4)), credit_lines: Math.floor(rng() * 30),
    tenure_months: Math.floor(-Math.log(Math.max(rng(), 1e-12)) * 48),
    balance: rng() < 0.01 ? null : Number((2000 * normal(rng) + 500).toFixed(2)),
    utilisation: Number(utilisation.toFixed(4)), late_payments: late,
    txn_amount: Number(Math.exp(3.5 + 1.1 * normal(rng)).toFixed(2)), txn_per_day: Number((rng() * 12).toFixed(2)),
    score_bureau: bureau, session_seconds: Math.round(-Math.log(Math.max(rng(), 1e-12)) * 180),
    employment: pick(rng, employment, [60, 15, 8, 12, 5]), marital_status: pick(rng, marital, [45, 38, 12, 5]),
    product: pick(rng, products, [40, 30, 10, 20]),
    device: pick(rng, devices, shift ? [20, 50, 25, 5] : [35, 35, 25, 5]),
    merchant: pick(rng, merchants, merchantWeights), email: `user${i}@example.com`,
    has_card: rng() < 0.62, is_returning: rng() < 0.4,
  };
  const z = -1.2 + 2.5 * debt + 0.4 * late - 0.004 * (bureau - 680) - 0.2 * Math.log(income / 40_000);
  return { features, region, channel, score: 1 / (1 + Math.exp(-z)) };
}

const csvCell = (v: number | string | boolean | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/** Writes `rows` rows to `file`, deterministically from `seed`. */
export async function writeDataset(options: { file: string; rows: number; seed: number; format: DataFormat; shift?: boolean }): Promise<void> {
  const rng = createRng(options.seed);
  const out = createWriteStream(options.file);
  const shift = options.shift ?? false;
  let chunk = options.format === 'csv' ? `${[...featureNames, 'region', 'channel', 'prediction_score', 'prediction_label'].join(',')}\n` : '';
  for (let i = 0; i < options.rows; i += 1) {
    const r = toRow(rng, i, shift);
    const score = Number(r.score.toFixed(5));
    const label = score >= 0.5 ? 'decline' : 'approve';
    chunk += options.format === 'csv'
      ? `${[...featureNames.map((n) => csvCell(r.features[n])), r.region, r.channel, score, label].join(',')}\n`
      : `${JSON.stringify({ requestId: `r-${i}`, modelId: 'bench', timestamp: 1_790_000_000_000 + i, features: r.features, prediction: { label, score }, slice: { region: r.region, channel: r.channel } })}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
