// The demo's world: credit applicants (features, region, channel), the model that scores them (a
// fixed logistic model), and whether each one really defaults. Normally the model is right: a
// label is drawn from the model's own probability. The incidents of the scenario change the world
// (`WorldChanges`), never the model.
import type { Random } from './random.ts';

export const MODEL_ID = 'credit';
export const MODEL_VERSION = '1';
export const POSITIVE_LABEL = 'default';
export const NEGATIVE_LABEL = 'repaid';
export const SCORE_THRESHOLD = 0.5;

export const REGIONS = ['north', 'south', 'east', 'west'] as const;
export const CHANNELS = [['web', 0.5], ['app', 0.3], ['branch', 0.2]] as const;
export type Region = (typeof REGIONS)[number];
export type Channel = (typeof CHANNELS)[number][0];

/** Small regional differences in income, as real markets have. */
const REGION_INCOME: Readonly<Record<Region, number>> = { north: 1.04, south: 0.96, east: 1, west: 1 };
const EMPLOYMENT_RISK: Readonly<Record<string, number>> = { 'employed': 0, 'self-employed': 0.3, 'unemployed': 1.3, 'retired': -0.2, 'student': 0.6 };
const MARITAL_RISK: Readonly<Record<string, number>> = { married: 0, single: 0.1, divorced: 0.2, widowed: 0 };
const INCOME_MEDIAN = 48_000;
const INCOME_SIGMA = 0.45;
const DEBT_MEAN = 0.35;
const DEBT_SD = 0.15;
const CREDIT_LINES_MEAN = 4;

export interface Features {
  readonly age: number;
  readonly income: number;
  readonly debt_ratio: number;
  /** Absent when the producer did not send it. */
  readonly credit_lines?: number;
  readonly employment: string;
  readonly marital_status: string;
}

export interface Applicant {
  /** The applicant's true values. */
  readonly features: Features;
  readonly region: Region;
  readonly channel: Channel;
}

/** What the incidents change in the world at some point in event time (nothing: a normal day). */
export interface WorldChanges {
  /** Data drift: incomes of applicants from `region` are multiplied by `factor`. */
  readonly incomeShift?: { readonly region: Region; readonly factor: number };
  /** Producer bug: records from `channel` arrive without `credit_lines`. */
  readonly missingCreditLines?: { readonly channel: Channel };
  /** Concept drift: the debt ratio no longer predicts default (the model still thinks it does). */
  readonly debtIrrelevant?: boolean;
  /** Fairness: applicants of `region` are riskier than the model knows, by `logit`. */
  readonly hiddenRisk?: { readonly region: Region; readonly logit: number };
}

export function drawApplicant(random: Random, changes: WorldChanges = {}): Applicant {
  const region = REGIONS[Math.floor(random.uniform() * REGIONS.length)] ?? 'north';
  const channel = random.pick(CHANNELS);
  const age = Math.min(90, Math.max(18, Math.round(42 + 12 * random.normal())));
  const employment = random.pick<string>(age >= 66
    ? [['retired', 0.8], ['employed', 0.12], ['self-employed', 0.08]]
    : [['employed', 0.64], ['self-employed', 0.15], ['unemployed', 0.08], ['retired', 0.03], ['student', age < 27 ? 0.3 : 0.02]]);
  const incomeFactor = REGION_INCOME[region] * (changes.incomeShift?.region === region ? changes.incomeShift.factor : 1);
  const income = Math.round(Math.exp(Math.log(INCOME_MEDIAN) + INCOME_SIGMA * random.normal()) * incomeFactor);
  const debtRatio = Math.round(1000 * Math.min(3, Math.max(0, DEBT_MEAN + DEBT_SD * random.normal()))) / 1000;
  const creditLines = random.poisson(CREDIT_LINES_MEAN);
  const maritalStatus = random.pick<string>([['married', 0.5], ['single', 0.35], ['divorced', 0.12], ['widowed', 0.03]]);
  return { region, channel, features: { age, income, debt_ratio: debtRatio, credit_lines: creditLines, employment, marital_status: maritalStatus } };
}

/** The features as the serving system sends them (and the model sees them). */
export function toSentFeatures(applicant: Applicant, changes: WorldChanges = {}): Features {
  if (changes.missingCreditLines?.channel !== applicant.channel) return applicant.features;
  const f = applicant.features;
  return { age: f.age, income: f.income, debt_ratio: f.debt_ratio, employment: f.employment, marital_status: f.marital_status };
}

/** The model's log-odds of default; a missing credit-line count is imputed with the training mean. */
function toLogit(features: Features, debtWeight: number): number {
  return -1.3
    + debtWeight * (features.debt_ratio - DEBT_MEAN) / DEBT_SD
    - 1.2 * (Math.log(Math.max(1, features.income)) - Math.log(INCOME_MEDIAN)) / INCOME_SIGMA
    - 0.25 * (features.age - 42) / 12
    + 0.075 * ((features.credit_lines ?? CREDIT_LINES_MEAN) - CREDIT_LINES_MEAN)
    + (EMPLOYMENT_RISK[features.employment] ?? 0)
    + (MARITAL_RISK[features.marital_status] ?? 0);
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The model's score: its probability of default, to 4 decimals. */
export function toScore(features: Features): number {
  return Math.round(10_000 * sigmoid(toLogit(features, 1.6))) / 10_000;
}

export function toPredictedLabel(score: number): string {
  return score >= SCORE_THRESHOLD ? POSITIVE_LABEL : NEGATIVE_LABEL;
}

/** The real probability that the applicant defaults (from the features as they really were). */
export function toDefaultProbability(applicant: Applicant, changes: WorldChanges = {}): number {
  const hidden = changes.hiddenRisk?.region === applicant.region ? changes.hiddenRisk.logit : 0;
  return sigmoid(toLogit(applicant.features, changes.debtIrrelevant === true ? 0 : 1.6) + hidden);
}

/** Whether the applicant defaults: drawn from the real probability. */
export function drawOutcome(random: Random, applicant: Applicant, changes: WorldChanges = {}): string {
  return random.uniform() < toDefaultProbability(applicant, changes) ? POSITIVE_LABEL : NEGATIVE_LABEL;
}
