// The dashboards (deploy/grafana/dashboards) and alert rules (deploy/prometheus/rules) only use
// series the services export, with labels those series have: a renamed metric or label fails here,
// not silently on a dashboard.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/repo-root.ts';
import { exportedSeries } from './exported-metrics.ts';
import { toGroupings, toSelectors } from './promql-names.ts';

interface Panel { id?: number; type: string; title: string; gridPos?: { x: number; y: number; w: number; h: number }; datasource?: { uid?: string }; targets?: { expr: string }[]; panels?: Panel[] }
interface Dashboard { uid: string; title: string; panels: Panel[]; templating: { list: { name: string; type: string; query: string | { query: string } }[] } }

const series = exportedSeries();
const dashboardsDir = join(repoRoot, 'deploy/grafana/dashboards');
const dashboards = readdirSync(dashboardsDir).filter((f) => f.endsWith('.json')).map((f) => ({ file: f, dashboard: JSON.parse(readFileSync(join(dashboardsDir, f), 'utf8')) as Dashboard }));
const rulesDir = join(repoRoot, 'deploy/prometheus/rules');
const rules = readdirSync(rulesDir).filter((f) => f.endsWith('.yml')).flatMap((f) =>
  (parse(readFileSync(join(rulesDir, f), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules.map((r) => ({ where: `${f} ${r.alert}`, expr: r.expr }))));

function panelsOf(d: Dashboard): Panel[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** Every problem with the names and labels of one expression. */
function problemsOf(expr: string): string[] {
  const problems: string[] = [];
  for (const s of toSelectors(expr)) {
    const labels = series.get(s.name);
    if (labels === undefined) { problems.push(`${s.name} is not exported`); continue; }
    for (const l of s.labels) if (!labels.has(l) && l !== '__name__') problems.push(`${s.name} has no label ${l}`);
  }
  for (const g of toGroupings(expr)) {
    const known = new Set(g.names.flatMap((n) => [...(series.get(n) ?? [])]));
    for (const l of g.labels) if (!known.has(l)) problems.push(`by (${l}) over ${g.names.join(', ')}: no such label`);
  }
  return problems;
}

const expressions = [
  ...dashboards.flatMap(({ file, dashboard }) => panelsOf(dashboard).flatMap((p) => (p.targets ?? []).map((t) => ({ where: `${file} "${p.title}"`, expr: t.expr })))),
  ...rules,
];

describe('PromQL of dashboards and alert rules', () => {
  it('reads names, matchers and groupings (the reader itself)', () => {
    const expr = 'sum by (service, topic) (rate(driftline_dead_letters_total{service=~"$service", reason!="x"}[$__rate_interval])) / on (job) up offset 15m > 0.01';
    expect(toSelectors(expr)).toEqual([{ name: 'driftline_dead_letters_total', labels: ['service', 'reason'] }, { name: 'up', labels: [] }]);
    expect(toGroupings(expr)).toEqual([{ labels: ['service', 'topic'], names: ['driftline_dead_letters_total'] }]);
    expect(problemsOf('sum by (model) (rate(driftline_consumer_records_totl{topic="p"}[5m]))')).toEqual(['driftline_consumer_records_totl is not exported', 'by (model) over driftline_consumer_records_totl: no such label']);
    expect(problemsOf('sum by (model) (driftline_consumer_lag_records{modelId="x"})')).toEqual(['driftline_consumer_lag_records has no label modelId', 'by (model) over driftline_consumer_lag_records: no such label']);
  });

  it('finds expressions to check in every dashboard and rule file', () => {
    expect(dashboards.map((d) => d.file).sort()).toEqual(['models.json', 'pipeline-overview.json']);
    expect(expressions.length).toBeGreaterThan(40);
  });

  it.each(expressions)('$where uses exported series and labels', ({ expr }) => {
    expect(problemsOf(expr)).toEqual([]);
  });

  it.each(dashboards)('$file: template variables read exported labels', ({ dashboard }) => {
    for (const v of dashboard.templating.list.filter((x) => x.type === 'query')) {
      const query = typeof v.query === 'string' ? v.query : v.query.query;
      const m = /^label_values\((\w+),\s*(\w+)\)$/.exec(query);
      expect(m, query).not.toBeNull();
      expect(series.get(m?.[1] ?? '')?.has(m?.[2] ?? ''), query).toBe(true);
    }
  });
});

describe.each(dashboards)('dashboard $file', ({ dashboard }) => {
  it('has a uid, unique panel ids, panels inside the 24-column grid, and the datasource variable on every query panel', () => {
    expect(dashboard.uid).toMatch(/^driftline-/);
    const panels = panelsOf(dashboard);
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of panels) {
      expect(p.gridPos, p.title).toBeDefined();
      expect((p.gridPos?.x ?? 0) + (p.gridPos?.w ?? 0), p.title).toBeLessThanOrEqual(24);
      if (p.type !== 'row') expect(p.datasource?.uid, p.title).toBe('${datasource}');
    }
    expect(dashboard.templating.list.find((v) => v.name === 'datasource')?.type).toBe('datasource');
  });
});
