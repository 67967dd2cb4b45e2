import { describe, expect, it } from 'vitest';
import { isKafkaError, isRetriable, KafkaError, kafkaErrorCodes } from '@driftline/kafka';

describe('isKafkaError', () => {
  it('recognises a KafkaError', () => {
    expect(isKafkaError(new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_AVRO_DECODE, message: 'x' }))).toBe(true);
  });

  it('recognises an error from another copy of the package by its code', () => {
    const foreign = Object.assign(new Error('x'), { code: kafkaErrorCodes.DL_KAFKA_UNKNOWN_SCHEMA_ID, context: {} });

    expect(isKafkaError(foreign)).toBe(true);
  });

  it.each([new Error('x'), Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), null, 'DL_KAFKA_AVRO_DECODE', { code: 42 }])('rejects %o', (value) => {
    expect(isKafkaError(value)).toBe(false);
  });
});

describe('KafkaError', () => {
  it('is not retriable unless it says so, and keeps its context and cause', () => {
    const cause = new Error('socket hang up');

    const error = new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, message: 'down', context: { subject: 's' }, cause });

    expect({ retriable: error.retriable, context: error.context, cause: error.cause, name: error.name }).toEqual({ retriable: false, context: { subject: 's' }, cause, name: 'KafkaError' });
  });
});

describe('isRetriable', () => {
  it('follows the retriable flag of ours and of the Kafka client', () => {
    expect(isRetriable(new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, message: 'x', retriable: true }))).toBe(true);
    expect(isRetriable(Object.assign(new Error('x'), { retriable: true }))).toBe(true);
    expect(isRetriable(Object.assign(new Error('x'), { retriable: 'yes' }))).toBe(false);
    expect(isRetriable(new Error('x'))).toBe(false);
    expect(isRetriable(undefined)).toBe(false);
  });
});
