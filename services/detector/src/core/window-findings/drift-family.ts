// One family of distribution tests (the features of one slice-window, or its prediction) with the
// spec's statistics, thresholds and multiple-testing correction (docs/detector.md, "Data drift").
import type { MonitorSpecDocument } from '@driftline/schemas';
import {
  chiSquareHomogeneity, driftFromFeatureStats, isPValueMethod, isStatsError, statsErrorCodes, toAlignedCategoryStats, toAlignedCells, toFeatureSummary,
} from '@driftline/stats';
import type { DriftMethod, DriftResult, FeatureStats, StatsDriftOptions } from '@driftline/stats';
import { toRejections } from './multiple-testing.ts';
import { toMargin } from './severity.ts';
import type { ThresholdRule } from './severity.ts';
import { toNumberText, toPercentText } from './text-format.ts';

/** The monitor spec's names of the statistics (`features[].drift.statistic`). */
const specNames: Readonly<Record<DriftMethod, string>> = {
  psi: 'psi', kl_div: 'kl', jensenshannon: 'jensen-shannon', hellinger: 'hellinger', wasserstein: 'wasserstein',
  ks: 'ks', chisquare: 'chi-square', z: 'z-test', linfinity: 'l-infinity',
};

const titles: Readonly<Record<DriftMethod, string>> = {
  psi: 'PSI', kl_div: 'KL divergence', jensenshannon: 'Jensen-Shannon distance', hellinger: 'Hellinger distance',
  wasserstein: 'normed Wasserstein distance', ks: 'Kolmogorov-Smirnov p-value', chisquare: 'chi-square p-value',
  z: 'Z-test p-value', linfinity: 'L-infinity distance',
};

const correctionNames = { 'bonferroni': 'Bonferroni', 'benjamini-hochberg': 'Benjamini-Hochberg' } as const;

export interface DriftCase {
  readonly name: string;
  readonly reference: FeatureStats;
  readonly current: FeatureStats;
  readonly options: StatsDriftOptions;
}

export interface TestedDrift {
  readonly name: string;
  /** The spec's statistic, with its own verdict. */
  readonly result: DriftResult;
  /** The verdict in the family: the (corrected) two-sample test rejects and a distance reaches its threshold. */
  readonly drift: boolean;
  /** Distance, or the (adjusted, with a correction) p-value. */
  readonly value: number;
  readonly threshold: number;
  readonly rule: ThresholdRule;
  readonly margin: number;
  readonly statistic: string;
  /** "normed Wasserstein distance 0.42 (threshold 0.1; KS p-value 3e-9)". */
  readonly measureText: string;
  readonly reference: FeatureStats;
  readonly current: FeatureStats;
}

/** A two-sample test: its p-value and what the explanation calls it. */
interface SampleTest {
  readonly pValue: number;
  readonly title: string;
}

/**
 * Chi-square homogeneity over the categories (or, for numeric features, the distinct values or
 * aligned histogram cells) of both sides.
 */
function homogeneity(reference: FeatureStats, current: FeatureStats): SampleTest {
  const title = 'chi-square p-value';
  if (reference.kind === 'categorical' && current.kind === 'categorical') {
    const aligned = toAlignedCategoryStats(reference, current);
    return { pValue: chiSquareHomogeneity(aligned.reference.categories.counts, aligned.current.categories.counts).pValue, title };
  }
  if (reference.kind !== 'numeric' || current.kind !== 'numeric') return { pValue: Number.NaN, title };
  if (!reference.domain.saturated && !current.domain.saturated) {
    const values = [...new Set([...reference.domain.values, ...current.domain.values])];
    const countsOf = (d: typeof reference.domain): number[] => values.map((v) => d.counts[d.values.indexOf(v)] ?? 0);
    return { pValue: chiSquareHomogeneity(countsOf(reference.domain), countsOf(current.domain)).pValue, title };
  }
  const cells = toAlignedCells(reference, current);
  return { pValue: chiSquareHomogeneity(cells.reference, cells.current).pValue, title };
}

/**
 * The two-sample test behind a verdict. KS and Z are two-sample tests already; chi-square is
 * Evidently's goodness of fit, which takes the reference shares as exact, so the homogeneity test
 * replaces it; a distance gets KS (numeric) or chi-square homogeneity (categorical) as companion.
 * KS p-values are asymptotic (SciPy's `asymp`): the exact distribution costs O(n·m) per test, too
 * much for every feature of every slice-window.
 */
function toSampleTest(c: DriftCase, result: DriftResult): SampleTest {
  if (result.method === 'ks' || result.method === 'z') return { pValue: result.score, title: titles[result.method] };
  if (result.method !== 'chisquare' && c.reference.kind === 'numeric') {
    return { pValue: driftFromFeatureStats(c.reference, c.current, { method: 'ks', ksMethod: 'asymp' }).score, title: titles.ks };
  }
  return homogeneity(c.reference, c.current);
}

interface Scored {
  readonly c: DriftCase;
  readonly result: DriftResult;
  readonly test: SampleTest;
}

function score(c: DriftCase): Scored | undefined {
  try {
    const result = driftFromFeatureStats(c.reference, c.current, { ksMethod: 'asymp', ...c.options });
    return { c, result, test: toSampleTest(c, result) };
  } catch (error) {
    if (isStatsError(error) && (error.code === statsErrorCodes.incompatibleState || error.code === statsErrorCodes.emptySample)) return undefined;
    throw error;
  }
}

/**
 * Runs every case, skipping those whose sides cannot be compared (kinds changed since the
 * baseline). Each case has a two-sample p-value ({@link toSampleTest}); the family's correction
 * applies to those. A p-value statistic fires when its test rejects; a distance when it reaches its
 * threshold *and* its companion test rejects: a window is much smaller than the data sets
 * Evidently's distance thresholds were made for, and a distance alone cannot tell a change from the
 * noise of a few hundred values.
 */
export function runDriftFamily(cases: readonly DriftCase[], drift: MonitorSpecDocument['drift']): TestedDrift[] {
  const scored = cases.map(score).filter((x): x is Scored => x !== undefined);
  const levels = scored.map((s) => (isPValueMethod(s.result.method) ? s.result.threshold.threshold : drift.alpha));
  const verdicts = toRejections(scored.map((s) => s.test.pValue), drift, levels);
  const correction = drift.correction === 'none' ? '' : ` after ${correctionNames[drift.correction]} correction over ${scored.length} tests`;
  return scored.map(({ c, result, test }, i) => {
    const p = verdicts.adjusted[i] ?? Number.NaN;
    const rejected = verdicts.rejected[i] ?? false;
    const pValue = isPValueMethod(result.method);
    const value = pValue ? p : result.score;
    const threshold = !pValue ? result.threshold.threshold : drift.correction === 'none' ? (levels[i] ?? drift.alpha) : drift.alpha;
    const rule: ThresholdRule = pValue ? 'p-value' : 'above';
    const margin = Number.isNaN(value) ? 0 : toMargin(value, threshold, rule);
    const adjusted = drift.correction === 'none' ? '' : 'adjusted ';
    const measureText = pValue
      ? `${adjusted}${test.title} ${toNumberText(value)} (threshold ${toNumberText(threshold)}${correction})`
      : `${titles[result.method]} ${toNumberText(value)} (threshold ${toNumberText(threshold)}; ${adjusted}${test.title} ${toNumberText(p)}${correction})`;
    return {
      name: c.name, result, drift: rejected && (pValue || result.drift), value, threshold, rule, margin,
      statistic: specNames[result.method], measureText, reference: c.reference, current: c.current,
    };
  });
}

const otherCategory = '__other__';

/** "mean 85,300 vs 50,120 in the reference", or the category whose share moved most. */
export function toChangeText(reference: FeatureStats, current: FeatureStats): string {
  if (reference.kind === 'numeric' || current.kind === 'numeric') {
    const r = toFeatureSummary(reference);
    const c = toFeatureSummary(current);
    if (r.kind !== 'numeric' || c.kind !== 'numeric') return '';
    return `mean ${toNumberText(c.mean)} vs ${toNumberText(r.mean)} in the reference`;
  }
  const aligned = toAlignedCategoryStats(reference, current);
  const r = toFeatureSummary(aligned.reference);
  const c = toFeatureSummary(aligned.current);
  if (r.kind !== 'categorical' || c.kind !== 'categorical') return '';
  let best = '';
  let delta = -1;
  for (const k of new Set([...Object.keys(r.shares), ...Object.keys(c.shares)])) {
    const d = Math.abs((c.shares[k] ?? 0) - (r.shares[k] ?? 0));
    if (d > delta) { best = k; delta = d; }
  }
  const label = best === otherCategory ? 'other values' : `"${best}"`;
  return `share of ${label} ${toPercentText(c.shares[best] ?? 0)} vs ${toPercentText(r.shares[best] ?? 0)} in the reference`;
}
