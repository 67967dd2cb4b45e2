// The shared at-least-once consume loop: decode, hand to the service, dead-letter what cannot be
// processed, resolve offsets only after side effects. Used by every service (style rule 20).
import type { DeadLetter } from '@driftline/schemas';
import { deadLetterSchema } from '@driftline/schemas';
import { isKafkaError, kafkaErrorCodes } from '../errors.ts';
import type { AvroSerde } from '../serde/avro-serde.ts';
import { toTopicSubject } from '../serde/schema-registry.ts';
import { withRetry, defaultRetryPolicy } from '../retry/retry.ts';
import type { RetryPolicy } from '../retry/retry.ts';
import type { InboundBatch, InboundMessage, MessagePublisher, MessageSource, BatchControl } from './messages.ts';

export interface DecodedMessage<T> {
  readonly message: InboundMessage;
  readonly schemaId: number;
  readonly value: T;
}

export interface InvalidRecord {
  readonly message: InboundMessage;
  /** A DL_* reason code (docs/errors.md). */
  readonly reason: string;
  /** Why, for a person; never personal data. */
  readonly detail: string;
}

export interface HandlerInput<T> {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly DecodedMessage<T>[];
  readonly tombstones: readonly InboundMessage[];
  /** Keeps the group membership alive; a handler that may work longer than the session timeout calls it meanwhile. */
  readonly heartbeat?: () => Promise<void>;
}

export interface RecordHandler<T> {
  /**
   * Applies the records' side effects. Returns the records it refuses (they are dead-lettered), or
   * `seekTo` to have the partition re-read from that offset instead (nothing of the chunk is
   * resolved; e.g. derived state is behind the committed offset). Throw a retriable error to have
   * the chunk retried.
   */
  handle(input: HandlerInput<T>): Promise<HandlerResult>;
}

export interface HandlerResult {
  readonly invalid: readonly InvalidRecord[];
  readonly seekTo?: string;
}

export interface ConsumeLoopHooks {
  onChunk?(info: { topic: string; partition: number; records: number; tombstones: number; seconds: number; lag: number }): void;
  onDeadLetter?(info: { topic: string; reason: string }): void;
}

export interface ConsumeLoopOptions<T> {
  readonly source: MessageSource;
  readonly publisher: MessagePublisher;
  readonly serde: AvroSerde;
  readonly handler: RecordHandler<T>;
  /** Name of the dead-letter topic. */
  readonly deadLetterTopic: string;
  /** Recorded in each dead letter (the consumer group). */
  readonly service: string;
  readonly retry?: RetryPolicy;
  readonly chunkSize?: number;
  readonly hooks?: ConsumeLoopHooks;
  readonly now?: () => number;
}

export interface ConsumeLoop {
  start(options: { topics: readonly string[]; fromBeginning: boolean }): Promise<void>;
  stop(): Promise<void>;
  done(): Promise<void>;
}

export function createConsumeLoop<T>(options: ConsumeLoopOptions<T>): ConsumeLoop {
  const retry = options.retry ?? defaultRetryPolicy;
  const chunkSize = options.chunkSize ?? 1000;
  const now = options.now ?? Date.now;
  const deadLetterSubject = toTopicSubject(options.deadLetterTopic);

  const toDeadLetter = async (message: InboundMessage, reason: string, detail: string, schemaId: number | null): Promise<{ topic: string; key: Buffer | null; value: Buffer }> => {
    const letter: DeadLetter = {
      reason, detail, sourceTopic: message.topic, sourcePartition: message.partition, sourceOffset: message.offset,
      schemaId, service: options.service, failedAt: now(), originalValue: message.value,
    };
    const value = await options.serde.encode(deadLetterSubject, deadLetterSchema, letter);
    return { topic: options.deadLetterTopic, key: message.key, value };
  };

  const decodeChunk = async (messages: readonly InboundMessage[]): Promise<{ records: DecodedMessage<T>[]; tombstones: InboundMessage[]; failed: { message: InboundMessage; reason: string; detail: string; schemaId: number | null }[] }> => {
    const records: DecodedMessage<T>[] = [];
    const tombstones: InboundMessage[] = [];
    const failed: { message: InboundMessage; reason: string; detail: string; schemaId: number | null }[] = [];
    for (const message of messages) {
      if (message.value === null) { tombstones.push(message); continue; }
      const value = message.value;
      try {
        const decoded = options.serde.decodeCached<T>(value) ?? await withRetry(() => options.serde.decode<T>(value), { policy: retry, what: 'schema lookup' });
        records.push({ message, schemaId: decoded.schemaId, value: decoded.value });
      } catch (error) {
        if (!isKafkaError(error) || error.code === kafkaErrorCodes.DL_KAFKA_RETRIES_EXHAUSTED) throw error;
        const schemaId = error.context.schemaId ?? null;
        failed.push({ message, reason: error.code, detail: error.message, schemaId });
      }
    }
    return { records, tombstones, failed };
  };

  const processBatch = async (batch: InboundBatch, control: BatchControl): Promise<void> => {
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!control.isActive()) return;
      const startedAt = performance.now();
      const chunk = batch.messages.slice(start, start + chunkSize);
      const { records, tombstones, failed } = await decodeChunk(chunk);
      const result = await withRetry(() => options.handler.handle({ topic: batch.topic, partition: batch.partition, records, tombstones, heartbeat: () => control.heartbeat() }), { policy: retry, what: `handling ${batch.topic}[${batch.partition}]` });
      if (result.seekTo !== undefined) {
        control.seek(result.seekTo);
        return;
      }
      const schemaIds = result.invalid.length === 0 ? undefined : new Map(records.map((d) => [d.message, d.schemaId]));
      const letters = [
        ...failed,
        ...result.invalid.map((r) => ({ message: r.message, reason: r.reason, detail: r.detail, schemaId: schemaIds?.get(r.message) ?? null })),
      ];
      if (letters.length > 0) {
        const outbound = await Promise.all(letters.map((l) => toDeadLetter(l.message, l.reason, l.detail, l.schemaId)));
        await withRetry(() => options.publisher.publish(outbound), { policy: retry, what: 'publishing dead letters' });
        for (const l of letters) options.hooks?.onDeadLetter?.({ topic: batch.topic, reason: l.reason });
      }
      const last = chunk.at(-1);
      if (last !== undefined) control.resolveOffset(last.offset);
      await control.heartbeat();
      const lag = Math.max(0, Number(batch.highWatermark) - Number(last?.offset ?? 0) - 1);
      options.hooks?.onChunk?.({ topic: batch.topic, partition: batch.partition, records: records.length, tombstones: tombstones.length, seconds: (performance.now() - startedAt) / 1000, lag });
    }
  };

  return {
    async start({ topics, fromBeginning }) {
      await options.source.run({ topics, fromBeginning, onBatch: processBatch });
    },
    stop: () => options.source.stop(),
    done: () => options.source.done(),
  };
}

