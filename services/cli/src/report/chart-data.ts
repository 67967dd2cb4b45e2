// What a chart draws for one feature: reference vs current counts on the same cells. Numeric
// features get a histogram on the reference-quantile edges (plus cells below and above the
// reference range), or bars per value when both sides have few distinct values; categorical
// features get bars per category.
import type { FeatureStats } from '@driftline/stats';

export type ChartData =
  | {
    readonly kind: 'histogram';
    /** Reference-quantile edges e_0 < … < e_k. */
    readonly edges: readonly number[];
    /** k + 2 cells: below e_0, the k bins, above e_k. */
    readonly reference: readonly number[];
    readonly current: readonly number[];
  }
  | { readonly kind: 'bars'; readonly labels: readonly string[]; readonly reference: readonly number[]; readonly current: readonly number[] };

/** Label of the cell that gathers values outside the reference vocabulary (or beyond the bar cap). */
export const otherLabel = '(other values)';
const maxBars = 24;

function toBars(labels: readonly string[], ref: readonly number[], cur: readonly number[]): ChartData {
  const nr = Math.max(1, ref.reduce((a, b) => a + b, 0));
  const nc = Math.max(1, cur.reduce((a, b) => a + b, 0));
  const cells = labels.map((label, i) => ({ label, r: ref[i] ?? 0, c: cur[i] ?? 0 })).filter((x) => x.r > 0 || x.c > 0);
  if (cells.length > maxBars) {
    const byWeight = [...cells].sort((a, b) => Math.max(b.r / nr, b.c / nc) - Math.max(a.r / nr, a.c / nc));
    const kept = new Set(byWeight.slice(0, maxBars - 1).filter((x) => x.label !== otherLabel));
    const rest = cells.filter((x) => !kept.has(x));
    const merged = { label: otherLabel, r: rest.reduce((a, x) => a + x.r, 0), c: rest.reduce((a, x) => a + x.c, 0) };
    const out = [...cells.filter((x) => kept.has(x)), merged];
    return { kind: 'bars', labels: out.map((x) => x.label), reference: out.map((x) => x.r), current: out.map((x) => x.c) };
  }
  return { kind: 'bars', labels: cells.map((x) => x.label), reference: cells.map((x) => x.r), current: cells.map((x) => x.c) };
}

/** Chart data for one feature, or undefined when the two sides are of different kinds. */
export function toChartData(reference: FeatureStats, current: FeatureStats): ChartData | undefined {
  if (reference.kind === 'categorical') {
    if (current.kind !== 'categorical') return undefined;
    const labels = [...reference.categories.categories, otherLabel];
    return toBars(labels, reference.categories.counts, current.categories.counts);
  }
  if (current.kind !== 'numeric') return undefined;
  const a = reference.domain;
  const b = current.domain;
  if (!a.saturated && !b.saturated && new Set([...a.values, ...b.values]).size <= a.cap) {
    const values = [...new Set([...a.values, ...b.values])].sort((x, y) => x - y);
    const count = (d: typeof a, v: number): number => d.counts[d.values.indexOf(v)] ?? 0;
    return toBars(values.map(String), values.map((v) => count(a, v)), values.map((v) => count(b, v)));
  }
  return { kind: 'histogram', edges: reference.histogram.edges, reference: reference.histogram.counts, current: current.histogram.counts };
}
