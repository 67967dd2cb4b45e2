import { assertArgument } from '../errors.ts';
import type { FeatureType } from '../drift/methods.ts';

/** Allowed numeric range (inclusive bounds; either side optional). */
export interface FeatureRange {
  readonly min?: number;
  readonly max?: number;
}

/** What the monitor spec declares about one feature (design §5). */
export interface FeatureSpec {
  readonly name: string;
  readonly type: FeatureType;
  /** Numeric features only. */
  readonly range?: FeatureRange;
  /** Categorical features only: the allowed values. */
  readonly categories?: readonly string[];
  /** Personal data: values must never leave the process in plain form (only counts do). */
  readonly pii?: boolean;
}

/** Validates a spec (throws `DL_STATS_INVALID_ARGUMENT`) and returns it. */
export function parseFeatureSpec(spec: FeatureSpec): FeatureSpec {
  assertArgument(spec.name.length > 0, 'feature spec: empty name');
  if (spec.range !== undefined) {
    const { min, max } = spec.range;
    assertArgument(min === undefined || !Number.isNaN(min), `feature ${spec.name}: range.min is NaN`);
    assertArgument(max === undefined || !Number.isNaN(max), `feature ${spec.name}: range.max is NaN`);
    assertArgument(min === undefined || max === undefined || min <= max, `feature ${spec.name}: range.min > range.max`);
    assertArgument(spec.type === 'numeric', `feature ${spec.name}: range needs a numeric feature`);
  }
  if (spec.categories !== undefined) {
    assertArgument(spec.type === 'categorical', `feature ${spec.name}: categories need a categorical feature`);
    assertArgument(new Set(spec.categories).size === spec.categories.length, `feature ${spec.name}: duplicate categories`);
  }
  return spec;
}
