// Public surface for other workspaces (docs checks, system tests); the service itself is main.ts.
export { aggregatorConfigSchema, loadConfig } from './config.ts';
export { aggregatorErrorCodes } from './errors.ts';
export { createApp } from './app.ts';
export type { AggregatorApp, AggregatorSettings } from './app.ts';
