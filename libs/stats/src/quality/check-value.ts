import type { FeatureSpec } from './feature-spec.ts';

/** Verdict of one value against its feature spec. */
export const qualityVerdicts = {
  ok: 'ok',
  missing: 'missing',
  wrongType: 'wrong_type',
  outOfRange: 'out_of_range',
  unseenCategory: 'unseen_category',
} as const;
/** Union of {@link qualityVerdicts}. */
export type QualityVerdict = (typeof qualityVerdicts)[keyof typeof qualityVerdicts];

/** A compiled check for one feature: value in, verdict out. Never returns or logs the value. */
export type QualityCheck = (value: unknown) => QualityVerdict;

/**
 * Compiles the checks of one feature spec:
 * - `missing`: absent (undefined), null, or NaN;
 * - `wrong_type`: numeric needs a number, categorical a string, boolean a boolean;
 * - `out_of_range`: a number outside [range.min, range.max], and ±Infinity always;
 * - `unseen_category`: a string outside `categories` (when the spec lists them);
 * - `ok` otherwise.
 */
export function createQualityCheck(spec: FeatureSpec): QualityCheck {
  const min = spec.range?.min ?? -Infinity;
  const max = spec.range?.max ?? Infinity;
  const allowed = spec.categories === undefined ? undefined : new Set(spec.categories);
  switch (spec.type) {
    case 'numeric':
      return (value) => {
        if (value === undefined || value === null) return 'missing';
        if (typeof value !== 'number') return 'wrong_type';
        if (Number.isNaN(value)) return 'missing';
        if (!Number.isFinite(value) || value < min || value > max) return 'out_of_range';
        return 'ok';
      };
    case 'categorical':
      return (value) => {
        if (value === undefined || value === null) return 'missing';
        if (typeof value !== 'string') return 'wrong_type';
        if (allowed !== undefined && !allowed.has(value)) return 'unseen_category';
        return 'ok';
      };
    case 'boolean':
      return (value) => {
        if (value === undefined || value === null) return 'missing';
        return typeof value === 'boolean' ? 'ok' : 'wrong_type';
      };
  }
}

/** One-shot form of {@link createQualityCheck} (compile once in hot paths instead). */
export function checkValue(spec: FeatureSpec, value: unknown): QualityVerdict {
  return createQualityCheck(spec)(value);
}
