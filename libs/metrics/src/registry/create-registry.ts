// One prom-client Registry per process, built in main.ts and passed down (style rule 28).
import { Registry, collectDefaultMetrics } from 'prom-client';

export function createRegistry(options: { service: string; defaultMetrics?: boolean }): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'driftline_' });
  return registry;
}
