// `driftline produce <topic> --file records.jsonl`: validates every line first; produces only when
// all lines are valid (nothing is dropped silently), in batches, with progress on stderr.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import avro from 'avsc';
import type { AvroSerde, MessagePublisher } from '@driftline/kafka';
import { toTopicSubject } from '@driftline/kafka';
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
  let batch: { topic: string; key: string; value: Buffer }[] = [];
  for await (const { text } of readLines(options.file)) {
    const parsed = parseJsonRecord(text, type, keyField, timestampFields);
    if (!parsed.ok) throw new Error('file changed while producing');
    batch.push({ topic: options.topic, key: parsed.key, value: encode(parsed.value) });
    if (batch.length >= batchSize) { await deps.publisher.publish(batch); progress.tick(batch.length); batch = []; }
  }
  await deps.publisher.publish(batch);
  progress.tick(batch.length);
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
