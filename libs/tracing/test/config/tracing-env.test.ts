import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isTracingEnabled, toExportHeaders, toTracesUrl, toTracingOptions, tracingEnvShape } from '@driftline/tracing';

const schema = z.object(tracingEnvShape);

describe('tracing env', () => {
  it('is off by default', () => {
    const env = schema.parse({});
    expect(isTracingEnabled(env)).toBe(false);
    expect(toTracingOptions(env, 'driftline-joiner')).toBeUndefined();
  });

  it('is on when an OTLP endpoint is set, unless TRACING_ENABLED=false', () => {
    expect(isTracingEnabled(schema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }))).toBe(true);
    expect(isTracingEnabled(schema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', TRACING_ENABLED: 'false' }))).toBe(false);
    expect(isTracingEnabled(schema.parse({ TRACING_ENABLED: 'true' }))).toBe(true);
  });

  it('appends /v1/traces to the endpoint and defaults to localhost:4318', () => {
    expect(toTracesUrl(schema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example:4318/' }))).toBe('https://otel.example:4318/v1/traces');
    expect(toTracesUrl(schema.parse({}))).toBe('http://localhost:4318/v1/traces');
  });

  it('decodes OTEL_EXPORTER_OTLP_HEADERS and rejects what it cannot decode', () => {
    expect(toExportHeaders('Authorization=Bearer%20abc, x-tenant = t1')).toEqual({ Authorization: 'Bearer abc', 'x-tenant': 't1' });
    expect(schema.safeParse({ OTEL_EXPORTER_OTLP_HEADERS: 'a=%E0%A4%A' }).success).toBe(false);
    expect(schema.safeParse({ OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign' }).success).toBe(false);
  });

  it('takes OTEL_SERVICE_NAME over the default name, and the ratio, links and delay', () => {
    const options = toTracingOptions(schema.parse({ TRACING_ENABLED: 'true', OTEL_SERVICE_NAME: 'det-eu', TRACING_SAMPLE_RATIO: '0.25', TRACING_MAX_LINKS: '4', OTEL_BSP_SCHEDULE_DELAY: '250' }), 'driftline-detector');
    expect(options).toMatchObject({ serviceName: 'det-eu', sampleRatio: 0.25, maxLinks: 4, exportDelayMs: 250 });
    expect(options?.exporter).toBeDefined();
    expect(schema.safeParse({ TRACING_SAMPLE_RATIO: '1.5' }).success).toBe(false);
  });
});
