// Adapter: MessageSource over a kafkajs consumer, at least once (resolve after side effects,
// commit after every batch, stop waits for the batch in flight).
import type { Consumer, Kafka } from 'kafkajs';
import type { InboundMessage, MessageSource, SourceRunOptions } from '../consume/messages.ts';

export interface KafkajsSourceOptions {
  readonly groupId: string;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly partitionsConsumedConcurrently?: number;
  readonly maxBytesPerPartition?: number;
  /** Most bytes of one fetch response, all partitions together (kafkajs default 10 MiB). */
  readonly maxBytes?: number;
  readonly maxWaitTimeInMs?: number;
}

export class KafkajsMessageSource implements MessageSource {
  readonly #consumer: Consumer;
  readonly #options: KafkajsSourceOptions;
  #running = false;
  #settle: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  readonly #done: Promise<void>;

  constructor(kafka: Kafka, options: KafkajsSourceOptions) {
    this.#options = options;
    this.#consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3000,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 500,
      retry: { retries: 8 },
    });
    this.#done = new Promise<void>((resolve, reject) => { this.#settle = { resolve, reject }; });
    this.#done.catch(() => undefined); // observed through done()
    this.#consumer.on(this.#consumer.events.CRASH, (event) => {
      if (!event.payload.restart) {
        this.#running = false;
        this.#settle?.reject(event.payload.error);
      }
    });
  }

  async run(options: SourceRunOptions): Promise<void> {
    await this.#consumer.connect();
    await this.#consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning });
    this.#running = true;
    await this.#consumer.run({
      autoCommit: true,
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.#options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const messages: InboundMessage[] = batch.messages.map((m) => ({
          topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key ?? null, value: m.value ?? null,
          headers: toHeaders(m.headers), timestamp: Number(m.timestamp),
        }));
        await options.onBatch(
          { topic: batch.topic, partition: batch.partition, messages, highWatermark: batch.highWatermark },
          {
            resolveOffset: (offset) => { payload.resolveOffset(offset); },
            heartbeat: () => payload.heartbeat(),
            isActive: () => payload.isRunning() && !payload.isStale(),
            seek: (offset) => { this.#consumer.seek({ topic: batch.topic, partition: batch.partition, offset }); },
          },
        );
        await payload.commitOffsetsIfNecessary();
      },
    });
  }

  async stop(): Promise<void> {
    if (!this.#running) { await this.#consumer.disconnect(); return; }
    this.#running = false;
    await this.#consumer.disconnect(); // stops fetching, waits for the batch in flight, commits, leaves
    this.#settle?.resolve();
  }

  done(): Promise<void> {
    return this.#done;
  }
}

function toHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v instanceof Buffer || typeof v === 'string') out[k] = v.toString();
  }
  return out;
}
