// W3C trace context (`traceparent`, `tracestate`) in Kafka headers and record fields: extracting a
// parent or a link from a carrier, injecting a span's context into outbound headers. Pure: no
// global propagator, no context manager.
import { ROOT_CONTEXT, TraceFlags, defaultTextMapGetter, defaultTextMapSetter, isSpanContextValid, trace } from '@opentelemetry/api';
import type { Context, Link, Span, SpanContext } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** Header names of the W3C trace context, as they appear on Kafka records and HTTP requests. */
export const TraceHeader = {
  TRACEPARENT: 'traceparent',
  TRACESTATE: 'tracestate',
} as const;

/** Where a trace context is carried: Kafka headers, or `{ traceparent }` from a record field. */
export type TraceCarrier = Readonly<Record<string, string | undefined>>;

const propagator = new W3CTraceContextPropagator();

/** The remote span context a carrier holds, if its `traceparent` is valid (version 00 format). */
export function toSpanContext(carrier: TraceCarrier | undefined): SpanContext | undefined {
  if (carrier?.[TraceHeader.TRACEPARENT] === undefined) return undefined;
  const spanContext = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
  return spanContext !== undefined && isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** A context whose parent is the carrier's span context; the root context when it holds none. */
export function toParentContext(carrier: TraceCarrier | undefined): Context {
  const spanContext = toSpanContext(carrier);
  return spanContext === undefined ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, spanContext);
}

/**
 * Links to the sampled contexts among the carriers, at most `max`, in order (a link to a context
 * that was not sampled points to a span no backend has).
 */
export function toSpanLinks(carriers: Iterable<TraceCarrier | undefined>, max: number): Link[] {
  const links: Link[] = [];
  if (max <= 0) return links;
  for (const carrier of carriers) {
    const context = toSpanContext(carrier);
    if (context === undefined || (context.traceFlags & TraceFlags.SAMPLED) === 0) continue;
    links.push({ context });
    if (links.length >= max) break;
  }
  return links;
}

/**
 * The `traceparent` (and `tracestate`, when set) headers of a span: what a produced record carries
 * so that its consumers continue the trace. Empty for a span with an invalid context (a
 * non-recording root span when tracing is off).
 */
export function toTraceHeaders(span: Span): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
  return headers;
}

/** Whether a carrier holds a valid trace context. */
export function hasTraceContext(carrier: TraceCarrier | undefined): boolean {
  return toSpanContext(carrier) !== undefined;
}
