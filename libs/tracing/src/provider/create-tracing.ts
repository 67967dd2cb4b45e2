// One tracer per process, built in main.ts and injected (style rule 28): never registered as the
// global tracer provider. Off (no options): a no-op tracer that records nothing and exports
// nothing, yet passes a parent's context through unchanged, so a service without tracing keeps the
// trace of the records it forwards. On: the SDK with a parent-based sampler (a record's sampled flag
// decides; spans without a parent are sampled by ratio) and a batch exporter when one is given.
import { INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';
import type { Context, Span, SpanOptions } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import type { SpanExporter } from '@opentelemetry/sdk-trace';

const INSTRUMENTATION = '@driftline/tracing';

export interface TracingOptions {
  /** `service.name` of the spans (e.g. `driftline-detector`). */
  readonly serviceName: string;
  /** Where ended spans go, in batches; without one, spans are recorded (contexts propagate) but never exported. */
  readonly exporter?: SpanExporter;
  /** Delay between two batch exports, ms (default 5000). */
  readonly exportDelayMs?: number;
  /** Ended spans waiting for export; more are dropped (default 2048; at least 512). */
  readonly maxQueueSize?: number;
  /** Share of spans without a sampled parent that are sampled, 0..1 (default 1). */
  readonly sampleRatio?: number;
  /** Most links a consume span carries to the records of its batch (default 16). */
  readonly maxLinks?: number;
}

export interface Tracing {
  /** Starts a span under `parent` (the SDK's decision), or, when off, a non-recording span that carries the parent's context. */
  startSpan(name: string, options: SpanOptions, parent: Context): Span;
  /** False: the no-op tracer (nothing is recorded or exported; parents' contexts pass through). */
  readonly recording: boolean;
  /** Most links a consume span carries. */
  readonly maxLinks: number;
  /** Exports the spans ended so far. */
  flush(): Promise<void>;
  /** Exports what is left and stops the exporter (a shutdown step). */
  shutdown(): Promise<void>;
}

const DEFAULT_MAX_LINKS = 16;
const DEFAULT_QUEUE = 2048;

/**
 * Spans per export request for a queue size: 512, or more for big queues so that a flush (which
 * sends every batch of the queue at once) stays within 16 requests, up to 8192 spans a request.
 */
export function toExportBatchSize(maxQueueSize: number): number {
  return Math.min(8192, Math.max(512, Math.ceil(maxQueueSize / 16)));
}

/** Export requests a flush of a full queue sends at once (the exporter's concurrency must allow them). */
export function toExportConcurrency(maxQueueSize: number): number {
  return Math.ceil(maxQueueSize / toExportBatchSize(maxQueueSize)) + 1;
}

/** The tracer of a process: the SDK with the options, or the no-op tracer when `options` is undefined. */
export function createTracing(options: TracingOptions | undefined): Tracing {
  if (options === undefined) {
    return {
      startSpan: (_name, _options, parent) => trace.wrapSpanContext(trace.getSpanContext(parent) ?? INVALID_SPAN_CONTEXT),
      recording: false, maxLinks: 0, flush: () => Promise.resolve(), shutdown: () => Promise.resolve(),
    };
  }
  const maxLinks = options.maxLinks ?? DEFAULT_MAX_LINKS;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio ?? 1) }),
    spanLimits: { linkCountLimit: Math.max(maxLinks, 1) },
    spanProcessors: options.exporter === undefined ? [] : [new BatchSpanProcessor({ exporter: options.exporter, scheduledDelayMillis: options.exportDelayMs ?? 5000, maxQueueSize: options.maxQueueSize ?? DEFAULT_QUEUE, maxExportBatchSize: toExportBatchSize(options.maxQueueSize ?? DEFAULT_QUEUE) })],
  });
  const tracer = provider.getTracer(INSTRUMENTATION);
  return {
    startSpan: (name, spanOptions, parent) => tracer.startSpan(name, spanOptions, parent),
    recording: true,
    maxLinks,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
