import { describe, expect, it, onTestFinished } from 'vitest';
import { createAvroSerde, createConsumeLoop, InMemoryBroker, InMemorySchemaRegistry, isKafkaError, KafkaError, kafkaErrorCodes, toWireFormat } from '@driftline/kafka';
import type { ConsumeLoop, ConsumeLoopHooks, HandlerInput, InvalidRecord, MessagePublisher, MessageSource, RecordHandler, RetryPolicy, SchemaRegistry } from '@driftline/kafka';
import type { DeadLetter, PredictionLog } from '@driftline/schemas';
import { predictionLogSchema } from '@driftline/schemas';
import { predictionLogRecord } from '../fixtures/prediction-log.fixture.ts';
import { waitFor } from '../support/wait-for.ts';

const TOPIC = 'predictions';
const DLQ = 'dead-letters';
const GROUP = 'aggregator';
const NOW = 1_767_225_600_000;
const fastRetry: RetryPolicy = { attempts: 3, initialDelayMs: 1, maxDelayMs: 2 };

type Handle = (input: HandlerInput<PredictionLog>) => Promise<{ readonly invalid: readonly InvalidRecord[] }>;

function record(n: number): PredictionLog {
  return { ...predictionLogRecord, requestId: `req-${n}`, timestamp: NOW + n };
}

async function createHarness(options: { registry?: SchemaRegistry; partitions?: number } = {}) {
  const broker = new InMemoryBroker();
  broker.createTopic(TOPIC, options.partitions ?? 1);
  broker.createTopic(DLQ, 1);
  const registry = options.registry ?? new InMemorySchemaRegistry();
  const serde = createAvroSerde({ registry });
  const encode = await serde.encoderFor(`${TOPIC}-value`, predictionLogSchema);
  const publisher = broker.publisher();
  const produce = (messages: { key: string; value: Buffer | null }[]): Promise<void> => publisher.publish(messages.map((m) => ({ topic: TOPIC, ...m })));
  const produceRecords = (from: number, to: number): Promise<void> =>
    produce(Array.from({ length: to - from }, (_, i) => ({ key: `req-${from + i}`, value: encode(record(from + i)) })));
  const deadLetters = async (): Promise<{ key: string | undefined; letter: DeadLetter }[]> =>
    Promise.all(broker.messages(DLQ).map(async (m) => ({ key: m.key?.toString(), letter: (await serde.decode<DeadLetter>(m.value!)).value })));

  /** Starts a loop that records what the handler saw; `handle` defaults to accepting everything. */
  const startLoop = async (loopOptions: { handle?: Handle; chunkSize?: number; hooks?: ConsumeLoopHooks; source?: (inner: MessageSource) => MessageSource; publisher?: MessagePublisher } = {}) => {
    const seen: PredictionLog[] = [];
    const seenOffsets: string[] = [];
    const tombstones: string[] = [];
    const handler: RecordHandler<PredictionLog> = {
      async handle(input) {
        const result = await (loopOptions.handle ?? (() => Promise.resolve({ invalid: [] })))(input);
        const refused = new Set(result.invalid.map((r) => r.message));
        for (const r of input.records) {
          if (!refused.has(r.message)) { seen.push(r.value); seenOffsets.push(r.message.offset); }
        }
        tombstones.push(...input.tombstones.map((t) => t.key?.toString() ?? ''));
        return result;
      },
    };
    const inner = broker.source(GROUP);
    const loop: ConsumeLoop = createConsumeLoop({
      source: loopOptions.source?.(inner) ?? inner,
      publisher: loopOptions.publisher ?? publisher,
      serde,
      handler,
      deadLetterTopic: DLQ,
      service: GROUP,
      retry: fastRetry,
      now: () => NOW,
      ...(loopOptions.chunkSize === undefined ? {} : { chunkSize: loopOptions.chunkSize }),
      ...(loopOptions.hooks === undefined ? {} : { hooks: loopOptions.hooks }),
    });
    await loop.start({ topics: [TOPIC], fromBeginning: true });
    onTestFinished(() => loop.stop());
    return { loop, seen, seenOffsets, tombstones };
  };

  return { broker, registry, serde, encode, produce, produceRecords, deadLetters, startLoop };
}

/** A source that logs every offset resolution into `events`. */
function tracing(events: string[]): (inner: MessageSource) => MessageSource {
  return (inner) => ({
    run: (options) => inner.run({
      ...options,
      onBatch: (batch, control) => options.onBatch(batch, {
        resolveOffset: (offset) => { events.push(`resolve ${offset}`); control.resolveOffset(offset); },
        heartbeat: () => control.heartbeat(),
        isActive: () => control.isActive(),
        seek: (offset) => { events.push(`seek ${offset}`); control.seek(offset); },
      }),
    }),
    stop: () => inner.stop(),
    done: () => inner.done(),
  });
}

describe('createConsumeLoop', () => {
  it('hands valid records to the handler, decoded, in offset order', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 3);

    const { seen, seenOffsets } = await h.startLoop();

    await waitFor(() => seen.length === 3, { what: 'three records' });
    expect(seen).toEqual([record(0), record(1), record(2)]);
    expect(seenOffsets).toEqual(['0', '1', '2']);
    expect(await h.deadLetters()).toEqual([]);
  });

  it('dead-letters bytes that are not in wire format with DL_KAFKA_NOT_WIRE_FORMAT, keeping key, source and bytes', async () => {
    const h = await createHarness();
    const garbage = Buffer.from('9f3c11d2e4a5b6c7d8', 'hex');
    await h.produceRecords(0, 1);
    await h.produce([{ key: 'req-garbage', value: garbage }]);

    await h.startLoop();

    await waitFor(async () => (await h.deadLetters()).length === 1, { what: 'a dead letter' });
    expect(await h.deadLetters()).toEqual([{
      key: 'req-garbage',
      letter: { reason: kafkaErrorCodes.DL_KAFKA_NOT_WIRE_FORMAT, detail: expect.any(String) as string, sourceTopic: TOPIC, sourcePartition: 0, sourceOffset: '1', schemaId: null, service: GROUP, failedAt: NOW, originalValue: garbage },
    }]);
  });

  it('dead-letters a wire-format record with an unknown schema id with DL_KAFKA_UNKNOWN_SCHEMA_ID and that id', async () => {
    const h = await createHarness();
    const unknown = toWireFormat(4242, h.encode(record(0)).subarray(5));
    await h.produce([{ key: 'req-0', value: unknown }]);

    await h.startLoop();

    await waitFor(async () => (await h.deadLetters()).length === 1, { what: 'a dead letter' });
    const [dead] = await h.deadLetters();
    expect(dead?.letter).toMatchObject({ reason: kafkaErrorCodes.DL_KAFKA_UNKNOWN_SCHEMA_ID, schemaId: 4242, sourceOffset: '0', originalValue: unknown });
    expect(dead?.key).toBe('req-0');
  });

  it('dead-letters a record the handler declares invalid, with the handler\'s reason', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 3);

    const { seen } = await h.startLoop({
      handle: (input) => Promise.resolve({ invalid: input.records.filter((r) => r.value.requestId === 'req-1').map((r) => ({ message: r.message, reason: 'DL_AGG_UNKNOWN_MODEL', detail: 'no monitor for model churn' })) }),
    });

    await waitFor(async () => (await h.deadLetters()).length === 1, { what: 'a dead letter' });
    const [dead] = await h.deadLetters();
    expect(dead).toMatchObject({
      key: 'req-1',
      letter: { reason: 'DL_AGG_UNKNOWN_MODEL', detail: 'no monitor for model churn', sourceTopic: TOPIC, sourcePartition: 0, sourceOffset: '1', service: GROUP, failedAt: NOW, originalValue: h.encode(record(1)) },
    });
    expect(seen.map((r) => r.requestId)).toEqual(['req-0', 'req-2']);
  });

  it('records the writer schema id in the dead letter of a handler-refused record', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 1);

    await h.startLoop({ handle: (input) => Promise.resolve({ invalid: input.records.map((r) => ({ message: r.message, reason: 'DL_AGG_INVALID', detail: 'x' })) }) });

    await waitFor(async () => (await h.deadLetters()).length === 1, { what: 'a dead letter' });
    const [dead] = await h.deadLetters();
    expect(dead?.letter.schemaId).toBe(h.encode(record(0)).readUInt32BE(1));
  });

  it('goes on with the next records after a dead letter and commits past it', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 1);
    await h.produce([{ key: 'bad', value: Buffer.from('not avro') }]);
    await h.produceRecords(2, 4);
    const first = await h.startLoop({ chunkSize: 1 });
    await waitFor(() => first.seen.length === 3, { what: 'three valid records' });
    await first.loop.stop();

    await h.produceRecords(4, 5);
    const second = await h.startLoop();

    await waitFor(() => second.seen.length === 1, { what: 'the new record' });
    expect(first.seenOffsets).toEqual(['0', '2', '3']);
    expect(second.seenOffsets).toEqual(['4']);
    expect(await h.deadLetters()).toHaveLength(1);
  });

  it('passes tombstones separately from records', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 1);
    await h.produce([{ key: 'req-0', value: null }]);
    await h.produceRecords(1, 2);
    const inputs: HandlerInput<PredictionLog>[] = [];

    const { tombstones, seen } = await h.startLoop({ handle: (input) => { inputs.push(input); return Promise.resolve({ invalid: [] }); } });

    await waitFor(() => seen.length === 2 && tombstones.length === 1, { what: 'records and the tombstone' });
    expect(tombstones).toEqual(['req-0']);
    expect(inputs.flatMap((i) => i.tombstones.map((t) => [t.offset, t.value]))).toEqual([['1', null]]);
    expect(inputs.flatMap((i) => i.records.map((r) => r.message.offset))).toEqual(['0', '2']);
    expect(await h.deadLetters()).toEqual([]);
  });

  it('retries a retriable handler error and then resolves the offset once the handler succeeds', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 2);
    const events: string[] = [];
    let calls = 0;

    const { seen } = await h.startLoop({
      source: tracing(events),
      handle: (input) => {
        calls++;
        if (calls <= 2) { events.push('handler failed'); return Promise.reject(new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, message: 'redis down', retriable: true })); }
        events.push(`handled ${input.records.map((r) => r.message.offset).join(',')}`);
        return Promise.resolve({ invalid: [] });
      },
    });

    await waitFor(() => seen.length === 2, { what: 'the records after retries' });
    expect(calls).toBe(3);
    expect(events).toEqual(['handler failed', 'handler failed', 'handled 0,1', 'resolve 1']);
    expect(await h.deadLetters()).toEqual([]);
  });

  it('resolves each chunk\'s offset only after its handler call resolved', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 3);
    const events: string[] = [];

    const { seen } = await h.startLoop({
      chunkSize: 1,
      source: tracing(events),
      handle: async (input) => {
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`handled ${input.records.map((r) => r.message.offset).join(',')}`);
        return { invalid: [] };
      },
    });

    await waitFor(() => seen.length === 3, { what: 'three records' });
    expect(events).toEqual(['handled 0', 'resolve 0', 'handled 1', 'resolve 1', 'handled 2', 'resolve 2']);
  });

  it('rewinds the partition without resolving anything when the handler asks to seek', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 4);
    const events: string[] = [];
    let rewound = false;

    await h.startLoop({
      chunkSize: 2,
      source: tracing(events),
      handle: (input) => {
        const first = input.records[0]?.message.offset ?? '';
        events.push(`handled ${first}`);
        if (first === '2' && !rewound) { rewound = true; return Promise.resolve({ invalid: [], seekTo: '0' }); }
        return Promise.resolve({ invalid: [] });
      },
    });

    await waitFor(() => events.filter((e) => e === 'resolve 3').length === 1, { what: 'the partition read again to its end' });
    expect(events).toEqual(['handled 0', 'resolve 1', 'handled 2', 'seek 0', 'handled 0', 'resolve 1', 'handled 2', 'resolve 3']);
  });

  it('publishes dead letters before resolving the offset of their chunk', async () => {
    const h = await createHarness();
    await h.produce([{ key: 'bad', value: Buffer.from('xx') }]);
    const events: string[] = [];
    const publisher: MessagePublisher = { publish: async (messages) => { await h.broker.publisher().publish(messages); events.push(`published ${messages.length}`); } };

    await h.startLoop({ source: tracing(events), publisher });

    await waitFor(() => events.includes('resolve 0'), { what: 'the offset' });
    expect(events).toEqual(['published 1', 'resolve 0']);
  });

  it('stops, without resolving, when the handler fails with a non-retriable error', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 2);
    const events: string[] = [];
    const failure = new Error('bug in the handler');

    const { loop } = await h.startLoop({ source: tracing(events), handle: () => Promise.reject(failure) });

    await expect(loop.done()).rejects.toBe(failure);
    expect(events).toEqual([]);
  });

  it('redelivers the chunk whose handler crashed to the next member of the group', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 6);
    const first = await h.startLoop({ chunkSize: 2, handle: (input) => (input.records.some((r) => r.message.offset === '3') ? Promise.reject(new Error('crash')) : Promise.resolve({ invalid: [] })) });
    await expect(first.loop.done()).rejects.toThrow('crash');

    const second = await h.startLoop({ chunkSize: 2 });

    await waitFor(() => second.seenOffsets.includes('5'), { what: 'the last record' });
    expect(second.seenOffsets).toEqual(expect.arrayContaining(['2', '3', '4', '5']));
    expect(new Set([...first.seenOffsets, ...second.seenOffsets])).toEqual(new Set(['0', '1', '2', '3', '4', '5']));
  });

  it('resumes after a stop and restart in the same group without loss or replay', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 10);
    let stopping: Promise<void> | undefined;
    let started!: (loop: ConsumeLoop) => void;
    const running = new Promise<ConsumeLoop>((resolve) => { started = resolve; });
    const first = await h.startLoop({
      chunkSize: 2,
      handle: async (input) => {
        if (input.records.some((r) => r.message.offset === '3')) stopping = (await running).stop(); // stop mid-batch, after this chunk
        return { invalid: [] };
      },
    });
    started(first.loop);
    await waitFor(() => stopping !== undefined, { what: 'the stop' });
    await stopping;

    const second = await h.startLoop({ chunkSize: 2 });

    await waitFor(() => second.seenOffsets.includes('9'), { what: 'the last record' });
    expect(first.seenOffsets).toEqual(['0', '1', '2', '3']);
    expect(second.seenOffsets).toEqual(['4', '5', '6', '7', '8', '9']);
  });

  it('stops rather than dead-letters when the registry stays unreachable', async () => {
    const inner = new InMemorySchemaRegistry();
    let down = false;
    const registry: SchemaRegistry = {
      register: (s, t) => inner.register(s, t),
      isCompatible: (s, t) => inner.isCompatible(s, t),
      getSchema: (id) => (down ? Promise.reject(new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, message: 'down', retriable: true })) : inner.getSchema(id)),
    };
    const h = await createHarness({ registry });
    await h.produceRecords(0, 1);
    down = true;

    const { loop } = await h.startLoop();

    const error: unknown = await loop.done().then(() => undefined, (e: unknown) => e);
    expect(isKafkaError(error) && { code: error.code, attempts: error.context.attempts }).toEqual({ code: kafkaErrorCodes.DL_KAFKA_RETRIES_EXHAUSTED, attempts: fastRetry.attempts });
    expect(h.broker.messages(DLQ)).toEqual([]);
  });

  it('reports chunks and dead letters to the hooks', async () => {
    const h = await createHarness();
    await h.produceRecords(0, 2);
    await h.produce([{ key: 'req-0', value: null }, { key: 'bad', value: Buffer.from('zz') }]);
    const chunks: { records: number; tombstones: number; lag: number }[] = [];
    const deadLetters: { topic: string; reason: string }[] = [];

    await h.startLoop({
      hooks: {
        onChunk: (info) => chunks.push({ records: info.records, tombstones: info.tombstones, lag: info.lag }),
        onDeadLetter: (info) => deadLetters.push(info),
      },
    });

    await waitFor(() => chunks.length === 1, { what: 'a chunk' });
    expect(chunks).toEqual([{ records: 2, tombstones: 1, lag: 0 }]);
    expect(deadLetters).toEqual([{ topic: TOPIC, reason: kafkaErrorCodes.DL_KAFKA_NOT_WIRE_FORMAT }]);
  });
});
