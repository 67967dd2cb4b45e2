// Public surface for other workspaces (docs checks, system tests); the service itself is main.ts.
export { aggregatorConfigSchema, loadConfig } from './config.ts';
export { aggregatorErrorCodes } from './errors.ts';
export { createApp } from './app.ts';
export type { AggregatorApp, AggregatorSettings } from './app.ts';
// Pure pieces, for exact recounts in system tests and the benchmark.
export { foldChunk } from './core/fold-chunk.ts';
export type { FoldRecord } from './core/fold-chunk.ts';
export { toModelContext } from './core/model-context.ts';
export { toWindowOps } from './core/window-codec.ts';
export type { FieldDelta, VectorDelta, WindowOps } from './core/window-codec.ts';
export { toWindowKey, toWatermarkKey, toPartitionField } from './core/keys.ts';
// Metric factory, for the check that dashboards and alert rules use exported metric names.
export { createAggregatorMetrics } from './metrics.ts';
