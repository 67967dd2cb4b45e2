import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createTracing, hasTraceContext, toParentContext, toSpanContext, toSpanLinks, toTraceHeaders } from '@driftline/tracing';

const sampled = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const unsampled = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b8-00';

describe('trace headers', () => {
  it('reads a valid traceparent with its tracestate', () => {
    const context = toSpanContext({ traceparent: sampled, tracestate: 'vendor=x' });
    expect(context).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1, isRemote: true });
    expect(context?.traceState?.get('vendor')).toBe('x');
  });

  it('finds no context in a missing, malformed or all-zero traceparent', () => {
    for (const traceparent of [undefined, 'nope', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7']) {
      expect(hasTraceContext({ traceparent })).toBe(false);
    }
    expect(toParentContext({})).toBe(ROOT_CONTEXT);
  });

  it('links only sampled contexts, at most max', () => {
    const links = toSpanLinks([{ traceparent: unsampled }, { traceparent: sampled }, undefined, { traceparent: sampled }], 1);
    expect(links.map((l) => l.context.spanId)).toEqual(['00f067aa0ba902b7']);
    expect(toSpanLinks([{ traceparent: sampled }], 0)).toEqual([]);
  });

  it('passes a parent context through unchanged when tracing is off', () => {
    const tracing = createTracing(undefined);
    const span = tracing.startSpan('x', {}, toParentContext({ traceparent: sampled, tracestate: 'a=b' }));
    expect(toTraceHeaders(span)).toEqual({ traceparent: sampled, tracestate: 'a=b' });
    expect(toTraceHeaders(tracing.startSpan('root', {}, ROOT_CONTEXT))).toEqual({});
  });

  it('gives a recorded child span its own span id in the parent trace', async () => {
    const tracing = createTracing({ serviceName: 't' });
    const span = tracing.startSpan('x', {}, trace.setSpanContext(ROOT_CONTEXT, toSpanContext({ traceparent: sampled })!));
    const headers = toTraceHeaders(span);
    expect(headers['traceparent']).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(headers['traceparent']).not.toBe(sampled);
    span.end();
    await tracing.shutdown();
  });
});
