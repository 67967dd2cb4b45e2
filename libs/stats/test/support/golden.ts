import { readFileSync } from 'node:fs';

/** A number as written by the fixture generator (inf/nan as strings). */
export type GoldenNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export interface GoldenCase {
  readonly name: string;
  readonly featureType: 'numeric' | 'categorical';
  readonly reference: (number | string)[];
  readonly current: (number | string)[];
  readonly evidently: {
    readonly default: string;
    readonly results: Record<string, { score: GoldenNumber; drift: boolean; threshold: GoldenNumber }>;
  };
  readonly linfinity: GoldenNumber;
  readonly scipy?: {
    readonly ks_2samp: Record<'auto' | 'exact' | 'asymp', { statistic: GoldenNumber; pValue: GoldenNumber }>;
    readonly wasserstein: GoldenNumber;
    readonly refStd: GoldenNumber;
  };
}

export interface GoldenFile {
  readonly versions: Record<string, string>;
  readonly cases: GoldenCase[];
  readonly kstwoSf: { n: number; x: number; sf: GoldenNumber }[];
  readonly smirnovSf: { n: number; x: number; sf: GoldenNumber }[];
  readonly chi2Sf: { x: number; dof: number; sf: GoldenNumber }[];
  readonly normCdf: { x: number; cdf: GoldenNumber }[];
  readonly benjaminiHochberg: { pValues: number[]; adjusted: GoldenNumber[] }[];
}

/** Reads the committed golden fixture (written by scripts/generate-golden-fixtures.sh). */
export function loadGolden(): GoldenFile {
  return JSON.parse(readFileSync(new URL('../fixtures/drift-golden.json', import.meta.url), 'utf8')) as GoldenFile;
}

/** Decodes a golden number. */
export function toNumber(value: GoldenNumber): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Relative difference |a − b| / max(|a|, |b|), 0 for equal values (including both ±∞ or both NaN). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected))) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
}
