// Number and name formatting for the report page.
import type { DriftMethod, DriftRule } from '@driftline/stats';

/** Up to 3 significant digits; exponent form for very large or small magnitudes. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(2);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(3)));
}

export function formatPercent(part: number, total: number): string {
  if (total === 0) return '–';
  const p = (100 * part) / total;
  if (p === 0) return '0 %';
  return p < 0.1 ? '<0.1 %' : `${p < 10 ? p.toFixed(1) : p.toFixed(0)} %`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

const methodNames: Readonly<Record<DriftMethod, string>> = {
  psi: 'PSI', kl_div: 'KL divergence', jensenshannon: 'Jensen–Shannon distance', hellinger: 'Hellinger distance',
  wasserstein: 'Wasserstein distance (normed)', ks: 'Kolmogorov–Smirnov p-value', chisquare: 'chi-square p-value',
  z: 'Z-test p-value', linfinity: 'L∞ distance',
};

export function toMethodName(method: DriftMethod): string {
  return methodNames[method];
}

/** "≥ 0.1" (distance) or "≤ 0.05" / "< 0.05" (p-value): the side that means drift. */
export function toRuleText(rule: DriftRule, threshold: number): string {
  const op = rule === 'gte' ? '≥' : rule === 'lte' ? '≤' : '<';
  return `${op} ${formatNumber(threshold)}`;
}
