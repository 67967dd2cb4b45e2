// Errors of @driftline/kafka (style rule 18). Every code is documented in docs/errors.md.
export const kafkaErrorCodes = {
  DL_KAFKA_NOT_WIRE_FORMAT: 'DL_KAFKA_NOT_WIRE_FORMAT',
  DL_KAFKA_UNKNOWN_SCHEMA_ID: 'DL_KAFKA_UNKNOWN_SCHEMA_ID',
  DL_KAFKA_AVRO_DECODE: 'DL_KAFKA_AVRO_DECODE',
  DL_KAFKA_AVRO_ENCODE: 'DL_KAFKA_AVRO_ENCODE',
  DL_KAFKA_REGISTRY_UNAVAILABLE: 'DL_KAFKA_REGISTRY_UNAVAILABLE',
  DL_KAFKA_REGISTRY_REJECTED: 'DL_KAFKA_REGISTRY_REJECTED',
  DL_KAFKA_INCOMPATIBLE_SCHEMA: 'DL_KAFKA_INCOMPATIBLE_SCHEMA',
  DL_KAFKA_RETRIES_EXHAUSTED: 'DL_KAFKA_RETRIES_EXHAUSTED',
} as const;
export type KafkaErrorCode = (typeof kafkaErrorCodes)[keyof typeof kafkaErrorCodes];

export interface KafkaErrorContext {
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: string;
  readonly schemaId?: number;
  readonly subject?: string;
  readonly attempts?: number;
}

export class KafkaError extends Error {
  readonly code: KafkaErrorCode;
  readonly retriable: boolean;
  readonly context: KafkaErrorContext;

  constructor(options: { code: KafkaErrorCode; message: string; retriable?: boolean; context?: KafkaErrorContext; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'KafkaError';
    this.code = options.code;
    this.retriable = options.retriable ?? false;
    this.context = options.context ?? {};
  }
}

const codes = new Set<string>(Object.values(kafkaErrorCodes));

/** Recognises a KafkaError by its code, also across copies of this package (style rule 18). */
export function isKafkaError(error: unknown): error is KafkaError {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && codes.has(error.code);
}

/** Whether an error says it may succeed on retry (`retriable: true`, ours or the Kafka client's). */
export function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === true;
}
