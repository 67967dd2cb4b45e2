// `driftline produce --trace`: each record starts its own trace and carries it in a traceparent header.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InMemorySchemaRegistry, createAvroSerde } from '@driftline/kafka';
import type { OutboundMessage } from '@driftline/kafka';
import { InMemorySpanExporter, createTracing } from '@driftline/tracing';
import { runProduce } from '../../src/commands/produce.ts';

function recordsFile(n: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dl-produce-')), 'predictions.jsonl');
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({
    requestId: `r-${i}`, modelId: 'credit', modelVersion: '3', timestamp: '2026-11-27T10:00:00Z',
    features: { age: 40 + i }, prediction: { label: 'approve', score: 0.8 }, subjectId: `customer-${i}`,
  }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function produce(tracing: ReturnType<typeof createTracing> | undefined, n: number): Promise<OutboundMessage[]> {
  const sent: OutboundMessage[] = [];
  const code = await runProduce({
    publisher: { publish: (m) => { sent.push(...m); return Promise.resolve(); } },
    serde: createAvroSerde({ registry: new InMemorySchemaRegistry() }), stderr: new PassThrough(),
    ...(tracing === undefined ? {} : { tracing }),
  }, { topic: 'predictions', file: recordsFile(n), batchSize: 2 });
  expect(code).toBe(0);
  return sent;
}

describe('produce --trace', () => {
  it('starts one trace per record, ends its span once sent and puts its context in the record headers', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing({ serviceName: 'driftline-cli', exporter });

    const sent = await produce(tracing, 3);
    await tracing.flush();

    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['create predictions', 'create predictions', 'create predictions']);
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(3);
    expect(sent.map((m) => m.headers?.['traceparent'])).toEqual(spans.map((s) => `00-${s.spanContext().traceId}-${s.spanContext().spanId}-01`));
    const attributeValues = spans.flatMap((s) => Object.values(s.attributes).map(String));
    expect(attributeValues.filter((v) => /r-\d|customer-\d/.test(v))).toEqual([]);
    await tracing.shutdown();
  });

  it('adds no headers without --trace', async () => {
    const sent = await produce(undefined, 2);

    expect(sent.every((m) => m.headers === undefined)).toBe(true);
  });
});
