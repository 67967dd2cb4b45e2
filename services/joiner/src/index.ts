// The joiner's public surface for other workspaces (docs checks); the service itself is src/main.ts.
export { joinerConfigSchema, loadConfig } from './config.ts';
export type { JoinerConfig } from './config.ts';
export { joinerErrorCodes, isJoinerError } from './errors.ts';
export type { JoinerErrorCode } from './errors.ts';
// Metric factory, for the check that dashboards and alert rules use exported metric names.
export { createJoinerMetrics } from './metrics.ts';
