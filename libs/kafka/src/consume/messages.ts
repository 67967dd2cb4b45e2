// The messaging ports: what services need from Kafka, small enough for an in-memory fake.
export interface InboundMessage {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset as a decimal string (int64-safe). */
  readonly offset: string;
  readonly key: Buffer | null;
  /** null is a tombstone. */
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Broker or producer timestamp, epoch ms. */
  readonly timestamp: number;
}

export interface InboundBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly InboundMessage[];
  /** Offset of the next message the partition will get (the log end), for lag. */
  readonly highWatermark: string;
}

export interface BatchControl {
  /** Marks `offset` (and everything before it in the partition) as processed; it is committed after the batch. */
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  /** False once the source is stopping or the partition was revoked: stop processing the batch. */
  isActive(): boolean;
  /** Moves this partition's position: the next batch starts at `offset`; the rest of this batch is dropped. */
  seek(offset: string): void;
}

export interface SourceRunOptions {
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  readonly onBatch: (batch: InboundBatch, control: BatchControl) => Promise<void>;
}

export interface MessageSource {
  /** Joins the group and starts delivering batches; resolves once running. A batch handler that throws stops the source. */
  run(options: SourceRunOptions): Promise<void>;
  /** Stops fetching, waits for the batch in flight, commits resolved offsets and leaves the group. */
  stop(): Promise<void>;
  /** Resolves when the source stops; rejects with the error that stopped it. */
  done(): Promise<void>;
}

export interface OutboundMessage {
  readonly topic: string;
  readonly key: Buffer | string | null;
  /** null produces a tombstone. */
  readonly value: Buffer | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Explicit partition (e.g. a tombstone that must land where its record is); else by key. */
  readonly partition?: number;
}

export interface MessagePublisher {
  /** Sends all messages; resolves when every one is acknowledged by all in-sync replicas. */
  publish(messages: readonly OutboundMessage[]): Promise<void>;
}
