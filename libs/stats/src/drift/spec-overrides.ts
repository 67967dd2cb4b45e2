import type { DriftMethod } from './methods.ts';
import type { StatsDriftOptions } from './drift-from-stats.ts';

/** The statistic names of the monitor spec (`features[].drift.statistic`) to method names; `auto` chooses per feature. */
export const specStatisticMethods: Readonly<Record<string, DriftMethod | undefined>> = {
  auto: undefined, psi: 'psi', kl: 'kl_div', 'jensen-shannon': 'jensenshannon', hellinger: 'hellinger',
  wasserstein: 'wasserstein', ks: 'ks', 'chi-square': 'chisquare', 'z-test': 'z', 'l-infinity': 'linfinity',
};

/** What a monitor spec says about one feature's drift test (structurally the spec's feature entry). */
export interface FeatureDriftDeclaration {
  readonly name: string;
  readonly drift?: { readonly statistic: string; readonly threshold?: number | undefined } | undefined;
}

/** Per-feature overrides of the statistic and threshold, from the spec's `features[].drift`. */
export function toDriftOverrides(features: readonly FeatureDriftDeclaration[]): Record<string, StatsDriftOptions> {
  const out: Record<string, StatsDriftOptions> = {};
  for (const f of features) {
    if (f.drift === undefined) continue;
    const method = specStatisticMethods[f.drift.statistic];
    out[f.name] = { ...(method === undefined ? {} : { method }), ...(f.drift.threshold === undefined ? {} : { threshold: f.drift.threshold }) };
  }
  return out;
}
