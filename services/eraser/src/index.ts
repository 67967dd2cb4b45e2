// The eraser's public surface for other workspaces (docs checks, system tests, the benchmark); the service itself is src/main.ts.
export { eraserConfigSchema, loadConfig } from './config.ts';
export type { EraserConfig } from './config.ts';
export { eraserErrorCodes, isEraserError } from './errors.ts';
export type { EraserErrorCode } from './errors.ts';
export { createApp } from './app.ts';
export type { EraserApp, EraserAppDeps } from './app.ts';
export { createEraserMetrics } from './metrics.ts';
export { createHttpAggregateCorrector } from './aggregates/http-aggregate-corrector.ts';
