// npm run bench:tracing: what tracing costs per record, CPU only (no broker), in one process:
//   - a producer span per record (start, inject the headers, end), as `produce --trace`, the joiner
//     and the detector make them; also under an unsampled parent, and with tracing off;
//   - a consume span per batch of BATCH records, with links to the traced ones, as every service's
//     consume loop makes them (docs/tracing.md "Why consume spans per batch");
//   - the same consume path with tracing off (the no-op tracer, the default);
// each exporting to an OTLP/HTTP JSON receiver on loopback that discards the body, so serialisation
// and the HTTP round trips are in the figures. Prints microseconds per record and the share of one
// core that 50,000 records/s would take.
import { createServer } from 'node:http';
import { InMemoryBroker } from '@driftline/kafka';
import type { InboundBatch } from '@driftline/kafka';
import { createTracing, startProducerSpan, toTracingOptions, traceMessageSource } from '@driftline/tracing';
import type { Tracing } from '@driftline/tracing';

const RECORDS = Number(process.env['BENCH_RECORDS'] ?? '200000');
const BATCH = Number(process.env['BENCH_BATCH'] ?? '1000');
const RATE = 50_000;

const received = { requests: 0, bytes: 0 };
const server = createServer((req, res) => {
  req.on('data', (c: Buffer) => { received.bytes += c.length; });
  req.on('end', () => { received.requests++; res.writeHead(200).end('{}'); });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const endpoint = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

function tracingOn(): Tracing {
  return createTracing(toTracingOptions({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: 200, OTEL_BSP_MAX_QUEUE_SIZE: RECORDS + 1000, TRACING_SAMPLE_RATIO: 1, TRACING_MAX_LINKS: 16 }, 'bench'));
}

async function timed(what: string, run: () => Promise<void>): Promise<void> {
  const before = { ...received };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await run();
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - started;
  const cpuUs = (used.user + used.system) / RECORDS;
  process.stdout.write(`${what.padEnd(58)} ${(ms * 1000 / RECORDS).toFixed(2).padStart(7)} µs/record wall  ${cpuUs.toFixed(2).padStart(7)} µs/record CPU  ` +
    `${(100 * cpuUs * RATE / 1e6).toFixed(1).padStart(5)} % of a core at ${RATE} records/s  (${received.requests - before.requests} exports, ${((received.bytes - before.bytes) / 1_048_576).toFixed(1)} MiB)\n`);
}

await timed('producer span per record (tracing on)', async () => {
  const tracing = tracingOn();
  for (let i = 0; i < RECORDS; i++) startProducerSpan(tracing, { topic: 'predictions' }).end();
  await tracing.shutdown();
});

await timed('producer span per record, parent not sampled (tracing on)', async () => {
  const tracing = tracingOn();
  const parent = { traceparent: `00-${'a'.repeat(32)}-${'1'.repeat(16)}-00` };
  for (let i = 0; i < RECORDS; i++) startProducerSpan(tracing, { topic: 'outcomes', parent }).end();
  await tracing.shutdown();
});

await timed('producer span per record, tracing off (context passed on)', async () => {
  const tracing = createTracing(undefined);
  const parent = { traceparent: `00-${'a'.repeat(32)}-${'1'.repeat(16)}-01` };
  for (let i = 0; i < RECORDS; i++) startProducerSpan(tracing, { topic: 'outcomes', parent }).end();
  await tracing.shutdown();
});

const traceparent = (i: number): string => `00-${(i + 1).toString(16).padStart(32, '0')}-${'1'.repeat(16)}-01`;
const broker = new InMemoryBroker();
broker.createTopic('predictions');
for (let i = 0; i < RECORDS; i += 10_000) {
  await broker.publisher().publish(Array.from({ length: Math.min(10_000, RECORDS - i) }, (_, j) => ({ topic: 'predictions', key: `r-${i + j}`, value: Buffer.from('x'), headers: { traceparent: traceparent(i + j) } })));
}

let groups = 0;
async function consumeAll(tracing: Tracing): Promise<void> {
  const source = traceMessageSource(broker.source(`g-${String(groups++)}`, { maxBatch: BATCH }), { tracing, group: 'bench' });
  let seen = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => { release = resolve; });
  await source.run({ topics: ['predictions'], fromBeginning: true, onBatch: (batch: InboundBatch, control) => {
    const last = batch.messages.at(-1);
    if (last !== undefined) control.resolveOffset(last.offset);
    seen += batch.messages.length;
    if (seen >= RECORDS) release();
    return Promise.resolve();
  } });
  await all;
  await source.stop();
  await tracing.shutdown();
}

await timed(`consume, no tracing (baseline), batches of ${BATCH}`, () => consumeAll(createTracing(undefined)));
await timed(`consume span per batch of ${BATCH} + 16 links (tracing on)`, () => consumeAll(tracingOn()));
server.close();
