// Golden fixtures (style rule 30): committed bytes must keep decoding to the fixed record, and the
// record must keep encoding to exactly those bytes.
import { describe, expect, it } from 'vitest';
import { createAvroSerde, InMemorySchemaRegistry, isKafkaError, kafkaErrorCodes, toTopicSubject } from '@driftline/kafka';
import type { PredictionLog } from '@driftline/schemas';
import { predictionLogSchema } from '@driftline/schemas';
import { invalidPayloads, predictionLogRecord, predictionLogSchemaId, predictionLogWireHex } from '../fixtures/prediction-log.fixture.ts';

async function createSerdeWithPredictionLog(): Promise<ReturnType<typeof createAvroSerde>> {
  const registry = new InMemorySchemaRegistry();
  const id = await registry.register(toTopicSubject('predictions'), JSON.stringify(predictionLogSchema));
  expect(id).toBe(predictionLogSchemaId);
  return createAvroSerde({ registry });
}

async function decodeError(hex: string): Promise<string | undefined> {
  const serde = await createSerdeWithPredictionLog();
  try {
    await serde.decode(Buffer.from(hex, 'hex'));
  } catch (error) {
    return isKafkaError(error) ? error.code : `not a KafkaError: ${String(error)}`;
  }
  return undefined;
}

describe('PredictionLog golden payload', () => {
  it('decodes the committed bytes to the fixed record with schema id 1', async () => {
    const serde = await createSerdeWithPredictionLog();

    const decoded = await serde.decode<PredictionLog>(Buffer.from(predictionLogWireHex, 'hex'));

    expect(decoded).toEqual({ schemaId: predictionLogSchemaId, value: predictionLogRecord });
  });

  it('encodes the fixed record to exactly the committed bytes', async () => {
    const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });

    const bytes = await serde.encode(toTopicSubject('predictions'), predictionLogSchema, predictionLogRecord);

    expect(bytes.toString('hex')).toBe(predictionLogWireHex);
  });

  it('refuses the truncated body as undecodable Avro', async () => {
    expect(await decodeError(invalidPayloads.truncatedBodyHex)).toBe(kafkaErrorCodes.DL_KAFKA_AVRO_DECODE);
  });

  it('refuses the body with trailing bytes as undecodable Avro', async () => {
    expect(await decodeError(`${predictionLogWireHex}00`)).toBe(kafkaErrorCodes.DL_KAFKA_AVRO_DECODE);
  });

  it('refuses the wrong magic byte as not in wire format', async () => {
    expect(await decodeError(invalidPayloads.wrongMagicByteHex)).toBe(kafkaErrorCodes.DL_KAFKA_NOT_WIRE_FORMAT);
  });

  it('refuses a value shorter than the header as not in wire format', async () => {
    expect(await decodeError(invalidPayloads.shortHeaderHex)).toBe(kafkaErrorCodes.DL_KAFKA_NOT_WIRE_FORMAT);
  });
});
