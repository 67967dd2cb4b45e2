// `driftline produce <topic> --file records.jsonl`: validates every line first; produces only when
// all lines are valid (nothing is dropped silently), in batches, with progress on stderr. With
// --trace each record starts a trace, as an instrumented serving system would (docs/tracing.md).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import avro from 'avsc';
import type { AvroSerde, MessagePublisher, OutboundMessage } from '@driftline/kafka';
import { toTopicSubject } from '@driftline/kafka';
import { startProducerSpan } from '@driftline/tracing';
import type { ProducerSpan, Tracing } from '@driftline/tracing';
import { toTopicContract } from '../records/record-schemas.ts';
import { parseJsonRecord, toTimestampFields } from '../records/parse-json-record.ts';
import { createProgress } from './progress.ts';

export interface ProduceOptions {
  readonly topic: string;
  readonly file: string;
  readonly schemaName?: string;
  readonly batchSize?: number;
}

export interface ProduceDeps {
  readonly publisher: MessagePublisher;
  readonly serde: AvroSerde;
  readonly stderr: NodeJS.WritableStream;
  /** Given: each record gets a producer span, a new trace, whose context it carries in its headers. */
  readonly tracing?: Tracing;
}

/** Returns the process exit code: 0 when every line was produced, 1 when any line is invalid. */
export async function runProduce(deps: ProduceDeps, options: ProduceOptions): Promise<number> {
  const contract = toTopicContract(options.topic, options.schemaName);
  if (contract === undefined) {
    deps.stderr.write(`error: cannot tell which schema topic "${options.topic}" carries; pass --schema <PredictionLog|GroundTruth|...>\n`);
    return 2;
  }
  const type = avro.Type.forSchema(contract.schema as avro.Schema, { wrapUnions: false });
  const timestampFields = toTimestampFields(contract.schema as { fields?: { name: string; type: unknown }[] });
  const keyField = contract.key === 'modelId' ? 'modelId' : 'requestId';

  let lines = 0;
  let bad = 0;
  for await (const { number, text } of readLines(options.file)) {
    lines = number;
    const parsed = parseJsonRecord(text, type, keyField, timestampFields);
    if (!parsed.ok) { bad++; deps.stderr.write(`line ${number}: ${parsed.reason}\n`); }
  }
  if (bad > 0) {
    deps.stderr.write(`${bad} of ${lines} lines are invalid; nothing was produced. Fix them and run again.\n`);
    return 1;
  }

  const encode = await deps.serde.encoderFor(toTopicSubject(options.topic), contract.schema);
  const batchSize = options.batchSize ?? 1000;
  const progress = createProgress({ total: lines, label: `producing to ${options.topic}`, out: deps.stderr });
  let batch: OutboundMessage[] = [];
  let spans: ProducerSpan[] = [];
  const send = async (): Promise<void> => {
    await deps.publisher.publish(batch);
    for (const span of spans) span.end();
    progress.tick(batch.length);
    batch = [];
    spans = [];
  };
  for await (const { text } of readLines(options.file)) {
    const parsed = parseJsonRecord(text, type, keyField, timestampFields);
    if (!parsed.ok) throw new Error('file changed while producing');
    const span = deps.tracing === undefined ? undefined : startProducerSpan(deps.tracing, { topic: options.topic });
    if (span !== undefined) spans.push(span);
    batch.push({ topic: options.topic, key: parsed.key, value: encode(parsed.value), ...(span === undefined ? {} : { headers: span.headers }) });
    if (batch.length >= batchSize) await send();
  }
  await send();
  progress.done();
  deps.stderr.write(`produced ${lines} records to ${options.topic}\n`);
  return 0;
}

/** Non-empty lines of a file with their 1-based line numbers. */
async function* readLines(file: string): AsyncGenerator<{ number: number; text: string }> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const text of rl) {
    number++;
    if (text.trim().length > 0) yield { number, text };
  }
}
