// Public surface for other workspaces (docs checks, system tests); the service itself is main.ts.
export { detectorConfigSchema, loadConfig } from './config.ts';
export { detectorServiceErrorCodes } from './errors.ts';
// Metric factory, for the check that dashboards and alert rules use exported metric names.
export { createDetectorMetrics } from './metrics.ts';
