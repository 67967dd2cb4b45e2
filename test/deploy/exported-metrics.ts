// What the services export to Prometheus, read from their own metric factories on a fresh registry
// (the same calls as their main.ts: createRegistry with default metrics, the shared consume-loop
// metrics, and the service's factory), plus what Prometheus adds itself.
import { createAggregatorMetrics } from '@driftline/aggregator';
import { createDetectorMetrics } from '@driftline/detector';
import { createEraserMetrics } from '@driftline/eraser';
import { createJoinerMetrics } from '@driftline/joiner';
import { createConsumeMetrics, createRegistry } from '@driftline/metrics';
import { createTriggerMetrics } from '@driftline/trigger';

/** Labels every scraped series gets: the target's (prometheus.yml) and the registries' default. */
export const TARGET_LABELS = ['job', 'instance', 'service'] as const;

/** Series Prometheus makes itself, with their labels (besides the alert's own for ALERTS). */
const PROMETHEUS_SERIES: Readonly<Record<string, readonly string[]>> = { up: [], ALERTS: ['alertname', 'alertstate', 'model', 'kind', 'severity'] };

const factories: Readonly<Record<string, (registry: ReturnType<typeof createRegistry>) => unknown>> = {
  aggregator: createAggregatorMetrics,
  joiner: createJoinerMetrics,
  detector: createDetectorMetrics,
  trigger: createTriggerMetrics,
  eraser: (registry) => createEraserMetrics(registry, { deadlineMs: 30 * 86_400_000, now: () => 0 }),
};

/** Series name (histograms: `_bucket`, `_sum`, `_count`) → label names, over every service. */
export function exportedSeries(): Map<string, Set<string>> {
  const series = new Map<string, Set<string>>();
  const add = (name: string, labels: readonly string[]): void => {
    const set = series.get(name) ?? new Set<string>(TARGET_LABELS);
    for (const l of labels) set.add(l);
    series.set(name, set);
  };
  for (const [service, create] of Object.entries(factories)) {
    const registry = createRegistry({ service, defaultMetrics: true });
    createConsumeMetrics(registry);
    create(registry);
    for (const metric of registry.getMetricsAsArray()) {
      const labels = (metric as { labelNames?: readonly string[] }).labelNames ?? [];
      // prom-client's typings declare a numeric enum; the objects carry the exposition type name.
      const type = String(metric.type);
      if (type === 'histogram') {
        add(`${metric.name}_bucket`, [...labels, 'le']);
        add(`${metric.name}_sum`, labels);
        add(`${metric.name}_count`, labels);
      } else if (type === 'summary') {
        add(metric.name, [...labels, 'quantile']);
        add(`${metric.name}_sum`, labels);
        add(`${metric.name}_count`, labels);
      } else {
        add(metric.name, labels);
      }
    }
  }
  for (const [name, labels] of Object.entries(PROMETHEUS_SERIES)) add(name, labels);
  return series;
}
