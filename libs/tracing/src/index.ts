/**
 * @module @driftline/tracing
 * OpenTelemetry tracing for Driftline: one injected tracer per process (OTLP/HTTP JSON export, off
 * by default), W3C trace context carried in Kafka headers, a consume span per fetched batch with
 * links to its records' contexts, and a span per produced record whose context the record carries.
 * Attributes come from a closed list that holds no keys, ids of people or requests, or feature values.
 */
export { createTracing } from './provider/create-tracing.ts';
export type { Tracing, TracingOptions } from './provider/create-tracing.ts';
export { tracingEnvShape, isTracingEnabled, toTracesUrl, toExportHeaders, toTracingOptions } from './config/tracing-env.ts';
export type { TracingEnv } from './config/tracing-env.ts';
export { TraceHeader, toSpanContext, toParentContext, toSpanLinks, toTraceHeaders, hasTraceContext } from './propagation/trace-headers.ts';
export type { TraceCarrier } from './propagation/trace-headers.ts';
export { SpanAttribute } from './spans/span-attributes.ts';
export type { SafeAttributes } from './spans/span-attributes.ts';
export { startProducerSpan } from './spans/producer-span.ts';
export type { ProducerSpan, ProducerSpanOptions } from './spans/producer-span.ts';
export { traceMessageSource } from './spans/trace-message-source.ts';
export type { TraceSourceOptions } from './spans/trace-message-source.ts';
export { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
export type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
