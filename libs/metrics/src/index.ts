export { createRegistry } from './registry/create-registry.ts';
export { createConsumeMetrics } from './registry/consume-metrics.ts';
export type { ConsumeMetrics } from './registry/consume-metrics.ts';
export { startHttpServer } from './http/start-http-server.ts';
export type { HttpServer, HttpServerOptions, Route } from './http/start-http-server.ts';
