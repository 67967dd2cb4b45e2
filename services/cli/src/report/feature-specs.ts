// The monitor spec's feature and prediction declarations as @driftline/stats feature specs.
import type { FeatureSpec } from '@driftline/stats';
import type { FeatureDeclaration, MonitorSpecDocument } from '@driftline/schemas';

export function toFeatureSpec(f: FeatureDeclaration): FeatureSpec {
  const range = f.range === undefined ? undefined : {
    ...(f.range.min === undefined ? {} : { min: f.range.min }),
    ...(f.range.max === undefined ? {} : { max: f.range.max }),
  };
  return {
    name: f.name,
    type: f.type,
    ...(range === undefined ? {} : { range }),
    ...(f.categories === undefined ? {} : { categories: f.categories }),
    pii: f.pii,
  };
}

/** The prediction as two pseudo-features: `score` (numeric) and, for classifiers, `label`. */
export function toPredictionSpecs(spec: MonitorSpecDocument): FeatureSpec[] {
  const p = spec.prediction;
  if (p.type === 'regression') return [{ name: 'score', type: 'numeric' }];
  return [
    { name: 'score', type: 'numeric', range: { min: 0, max: 1 } },
    { name: 'label', type: 'categorical', ...(p.labels === undefined ? {} : { categories: p.labels }) },
  ];
}
