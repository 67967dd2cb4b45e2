// An OTLP/HTTP trace receiver on loopback (what a collector is to the services): accepts the JSON
// encoding of ExportTraceServiceRequest on POST /v1/traces, keeps every span with its service name,
// and refuses other encodings (415), so a test sees exactly what the exporters sent.
import { createServer } from 'node:http';
import { onTestFinished } from 'vitest';

export type AttributeValue = string | number | boolean;

export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  /** Undefined for a root span. */
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: number;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[];
}

export interface OtlpReceiver {
  /** Base URL, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  readonly spans: ReceivedSpan[];
  /** Requests refused (not JSON, or not /v1/traces). */
  readonly refused: () => number;
}

interface JsonKeyValue { key: string; value: { stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean; arrayValue?: { values?: JsonKeyValue['value'][] } } }
interface JsonSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: JsonKeyValue[]; links?: { traceId: string; spanId: string }[] }
interface JsonRequest { resourceSpans?: { resource?: { attributes?: JsonKeyValue[] }; scopeSpans?: { spans?: JsonSpan[] }[] }[] }

function toValue(value: JsonKeyValue['value']): AttributeValue {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  return JSON.stringify(value.arrayValue?.values?.map(toValue) ?? []);
}

function toAttributes(list: readonly JsonKeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, toValue(kv.value)]));
}

/** Parses one export request into spans (throws on a body that is not an OTLP JSON request). */
export function parseExportRequest(body: string): ReceivedSpan[] {
  const request = JSON.parse(body) as JsonRequest;
  if (!Array.isArray(request.resourceSpans)) throw new Error('not an ExportTraceServiceRequest');
  return request.resourceSpans.flatMap((rs) => {
    const service = String(toAttributes(rs.resource?.attributes)['service.name'] ?? '');
    return (rs.scopeSpans ?? []).flatMap((ss) => (ss.spans ?? []).map((s): ReceivedSpan => ({
      service, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId === undefined || s.parentSpanId === '' ? undefined : s.parentSpanId,
      name: s.name, kind: s.kind, attributes: toAttributes(s.attributes), links: (s.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
    })));
  });
}

/** Starts the receiver on a free loopback port; closed when the test finishes. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  let refused = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !(req.headers['content-type'] ?? '').startsWith('application/json')) {
        refused++;
        res.writeHead(415).end();
        return;
      }
      try {
        spans.push(...parseExportRequest(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        refused++;
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => { server.close(() => { resolve(); }); }));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, spans, refused: () => refused };
}
