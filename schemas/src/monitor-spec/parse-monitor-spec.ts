// Validates a monitor spec and reports every problem at once, each with its path.
import { monitorSpecObject, binaryDetectorKinds } from './monitor-spec-schema.ts';
import type { MonitorSpecDocument } from './monitor-spec-schema.ts';

/** Statistics whose score is a p-value (their threshold is a significance level). */
const P_VALUE_STATISTICS: ReadonlySet<string> = new Set(['ks', 'chi-square', 'z-test']);

export interface SpecProblem {
  /** e.g. `features[2].range.min` */
  readonly path: string;
  readonly message: string;
}

export type SpecResult = { readonly ok: true; readonly spec: MonitorSpecDocument } | { readonly ok: false; readonly problems: readonly SpecProblem[] };

export function parseMonitorSpec(input: unknown): SpecResult {
  const parsed = monitorSpecObject.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: toPath(i.path), message: i.message })) };
  }
  const problems = checkSpec(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, spec: parsed.data };
}

/** Cross-field rules a schema cannot express. */
function checkSpec(spec: MonitorSpecDocument): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const names = new Map<string, number>();
  spec.features.forEach((f, i) => {
    const at = `features[${i}]`;
    if (names.has(f.name)) problems.push({ path: `${at}.name`, message: `duplicate feature "${f.name}" (also features[${names.get(f.name) ?? 0}])` });
    names.set(f.name, i);
    if (f.range !== undefined && f.type !== 'numeric') problems.push({ path: `${at}.range`, message: 'a range needs a numeric feature' });
    if (f.range?.min !== undefined && f.range.max !== undefined && f.range.min > f.range.max) problems.push({ path: `${at}.range`, message: `min ${f.range.min} is above max ${f.range.max}` });
    if (f.categories !== undefined && f.type !== 'categorical') problems.push({ path: `${at}.categories`, message: 'categories need a categorical feature' });
    if (f.categories !== undefined && new Set(f.categories).size !== f.categories.length) problems.push({ path: `${at}.categories`, message: 'duplicate categories' });
    if (f.pii && f.drift !== undefined) problems.push({ path: `${at}.drift`, message: 'a pii feature is never profiled, so it cannot have drift settings' });
    if (f.drift?.threshold !== undefined && P_VALUE_STATISTICS.has(f.drift.statistic) && spec.drift.correction !== 'none') {
      problems.push({ path: `${at}.drift.threshold`, message: `under drift.correction ${spec.drift.correction}, a p-value test (${f.drift.statistic}) is decided at drift.alpha; remove the threshold or set drift.correction: none` });
    }
  });
  spec.slices.keys.forEach((key, i) => {
    const f = spec.features.find((x) => x.name === key);
    if (f?.pii === true) problems.push({ path: `slices.keys[${i}]`, message: `"${key}" is personal data and cannot be a slice key` });
    if (f?.type === 'numeric') problems.push({ path: `slices.keys[${i}]`, message: `"${key}" is numeric; slice by a categorical or boolean feature or a slice attribute` });
  });
  const p = spec.prediction;
  if (p.type === 'binary' && p.labels !== undefined && p.labels.length !== 2) problems.push({ path: 'prediction.labels', message: 'a binary model has exactly 2 labels' });
  if (p.positiveLabel !== undefined && p.labels !== undefined && !p.labels.includes(p.positiveLabel)) problems.push({ path: 'prediction.positiveLabel', message: `"${p.positiveLabel}" is not one of prediction.labels` });
  if (p.type === 'regression' && (p.labels !== undefined || p.positiveLabel !== undefined)) problems.push({ path: 'prediction', message: 'a regression model has no labels' });
  spec.detectors.errors.forEach((d, i) => {
    if (!(binaryDetectorKinds as readonly string[]).includes(d.kind) && d.kind !== 'adwin' && d.kind !== 'page-hinkley' && d.kind !== 'cusum') {
      problems.push({ path: `detectors.errors[${i}].kind`, message: `${d.kind} does not take a 0/1 error stream` });
    }
  });
  spec.detectors.features.forEach((d, i) => {
    if ((binaryDetectorKinds as readonly string[]).includes(d.kind)) problems.push({ path: `detectors.features[${i}].kind`, message: `${d.kind} takes 0/1 error streams only; use it under detectors.errors` });
  });
  if (spec.alerts.cooldown < spec.windows.size) problems.push({ path: 'alerts.cooldown', message: `cooldown (${spec.alerts.cooldown} ms) must be at least the window size (${spec.windows.size} ms): windows are evaluated once each` });
  if (spec.windows.retention < spec.windows.size * spec.windows.rolling) problems.push({ path: 'windows.retention', message: 'retention must cover the rolling view (size × rolling)' });
  return problems;
}

function toPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out === '' ? String(part) : `${out}.${String(part)}`), '') || '(spec)';
}
