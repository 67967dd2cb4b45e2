// Tracing variables, shared by every service and the CLI: the standard OTLP ones where they exist.
// Tracing is off unless TRACING_ENABLED=true or OTEL_EXPORTER_OTLP_ENDPOINT is set.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { z } from 'zod';
import { toExportConcurrency } from '../provider/create-tracing.ts';
import type { TracingOptions } from '../provider/create-tracing.ts';

const bool = z.enum(['true', 'false']).transform((s) => s === 'true');

export const tracingEnvShape = {
  TRACING_ENABLED: bool.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL (OTLP/HTTP)' }).optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, 'must be key=value pairs separated by commas')
    .refine(isDecodable, 'values must be percent-encoded (e.g. Authorization=Bearer%20abc)').optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(1).max(600_000).default(5000),
  OTEL_BSP_MAX_QUEUE_SIZE: z.coerce.number().int().min(512).max(1_000_000).default(2048),
  TRACING_SAMPLE_RATIO: z.coerce.number().min(0).max(1).default(1),
  TRACING_MAX_LINKS: z.coerce.number().int().min(0).max(128).default(16),
} as const;

export type TracingEnv = z.output<z.ZodObject<typeof tracingEnvShape>>;

const DEFAULT_ENDPOINT = 'http://localhost:4318';

function isDecodable(value: string): boolean {
  try {
    toExportHeaders(value);
    return true;
  } catch {
    return false;
  }
}

/** Whether the variables turn tracing on. */
export function isTracingEnabled(env: TracingEnv): boolean {
  return env.TRACING_ENABLED ?? env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined;
}

/** The OTLP/HTTP traces URL: the endpoint (default localhost:4318) with `/v1/traces` appended, as the OTLP spec says. */
export function toTracesUrl(env: TracingEnv): string {
  return `${(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? DEFAULT_ENDPOINT).replace(/\/+$/, '')}/v1/traces`;
}

/** `k1=v1,k2=v2` (values percent-encoded, as OTEL_EXPORTER_OTLP_HEADERS has them) as a record. */
export function toExportHeaders(value: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    headers[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

/**
 * The tracer options the variables ask for (an OTLP/HTTP JSON exporter to the endpoint), or
 * undefined when tracing is off. `serviceName` applies unless OTEL_SERVICE_NAME is set.
 */
export function toTracingOptions(env: TracingEnv, serviceName: string): TracingOptions | undefined {
  if (!isTracingEnabled(env)) return undefined;
  return {
    serviceName: env.OTEL_SERVICE_NAME ?? serviceName,
    exporter: new OTLPTraceExporter({ url: toTracesUrl(env), headers: toExportHeaders(env.OTEL_EXPORTER_OTLP_HEADERS), concurrencyLimit: Math.max(30, toExportConcurrency(env.OTEL_BSP_MAX_QUEUE_SIZE)) }),
    exportDelayMs: env.OTEL_BSP_SCHEDULE_DELAY,
    maxQueueSize: env.OTEL_BSP_MAX_QUEUE_SIZE,
    sampleRatio: env.TRACING_SAMPLE_RATIO,
    maxLinks: env.TRACING_MAX_LINKS,
  };
}
