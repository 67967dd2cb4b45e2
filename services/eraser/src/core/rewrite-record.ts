// The record rewrites of the eraser (pure): anonymising (no subject id, no personal features) and
// rectifying (changed features and slice attributes). The same shapes serve PredictionLog and Outcome.
import type { Changes, FeatureValue } from './subject-request.ts';

/** The parts of PredictionLog and Outcome a rewrite touches. */
export interface RewritableRecord {
  readonly subjectId: string | null;
  readonly features: Readonly<Record<string, FeatureValue>>;
  readonly slice: Readonly<Record<string, string>>;
}

/** Without the subject id and without the personal features: the `pii` features of the spec and every sealed value. */
export function toAnonymized<T extends RewritableRecord>(record: T, options: { readonly piiFeatures: ReadonlySet<string>; readonly isSealed: (value: FeatureValue) => boolean }): T {
  const features: Record<string, FeatureValue> = {};
  for (const [name, value] of Object.entries(record.features)) {
    if (!options.piiFeatures.has(name) && !options.isSealed(value)) features[name] = value;
  }
  return { ...record, subjectId: null, features };
}

/**
 * With the changes applied. `seal(name, value)` gives the value to store for a feature whose
 * current value is sealed (a personal feature stays sealed under the subject's key).
 */
export function toRectified<T extends RewritableRecord>(record: T, changes: Changes, options: { readonly isSealed: (value: FeatureValue) => boolean; readonly seal: (value: FeatureValue) => FeatureValue }): T {
  const features: Record<string, FeatureValue> = { ...record.features };
  const slice: Record<string, string> = { ...record.slice };
  for (const [name, value] of Object.entries(changes)) {
    const field = name.startsWith('features.') ? name.slice('features.'.length) : name;
    if (field.startsWith('slice.')) { slice[field.slice('slice.'.length)] = String(value); continue; }
    const current = features[field];
    features[field] = current !== undefined && options.isSealed(current) ? options.seal(value) : value;
  }
  return { ...record, features, slice };
}
