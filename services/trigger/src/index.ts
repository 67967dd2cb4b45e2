// The trigger's public surface for other workspaces (docs checks, system tests); the service itself is src/main.ts.
export { triggerConfigSchema, loadConfig } from './config.ts';
export type { TriggerConfig } from './config.ts';
export { triggerErrorCodes, isTriggerError } from './errors.ts';
export type { TriggerErrorCode } from './errors.ts';
export { toTriggerKeys } from './state/trigger-keys.ts';
// Metric factory, for the check that dashboards and alert rules use exported metric names.
export { createTriggerMetrics } from './metrics.ts';
