import { describe, expect, it } from 'vitest';
import { createAvroSerde, InMemorySchemaRegistry, isKafkaError, KafkaError, kafkaErrorCodes, parseWireFormat, toWireFormat } from '@driftline/kafka';
import type { SchemaRegistry } from '@driftline/kafka';
import { codeOf } from '../support/code-of.ts';

const pointV1 = { type: 'record', name: 'Point', namespace: 'test', fields: [{ name: 'x', type: 'int' }, { name: 'label', type: ['null', 'string'], default: null }] };
const pointV2 = { ...pointV1, fields: [...pointV1.fields, { name: 'y', type: 'int', default: -1 }] };

/** Counts calls and can fail the next `getSchema` calls with a given error. */
class CountingRegistry implements SchemaRegistry {
  readonly inner = new InMemorySchemaRegistry();
  registerCalls = 0;
  getSchemaCalls = 0;
  failNextGets: Error[] = [];

  register(subject: string, schema: string): Promise<number> {
    this.registerCalls++;
    return this.inner.register(subject, schema);
  }

  getSchema(id: number): Promise<string> {
    this.getSchemaCalls++;
    const failure = this.failNextGets.shift();
    return failure === undefined ? this.inner.getSchema(id) : Promise.reject(failure);
  }

  isCompatible(subject: string, schema: string): Promise<boolean> {
    return this.inner.isCompatible(subject, schema);
  }
}

describe('createAvroSerde', () => {
  it('encodes in wire format with the id the registry gave the subject', async () => {
    const registry = new InMemorySchemaRegistry();
    const serde = createAvroSerde({ registry });

    const bytes = await serde.encode('points-value', pointV1, { x: 3, label: 'a' });

    const expectedId = await registry.register('points-value', JSON.stringify(pointV1));
    expect(parseWireFormat(bytes).schemaId).toBe(expectedId);
  });

  it('decodes what it encoded, with the schema id', async () => {
    const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });
    const bytes = await serde.encode('points-value', pointV1, { x: -5, label: null });

    const decoded = await serde.decode(bytes);

    expect(decoded.value).toEqual({ x: -5, label: null });
    expect(decoded.schemaId).toBe(parseWireFormat(bytes).schemaId);
  });

  it('decodes with the writer schema named by the id, not the newest one', async () => {
    const registry = new InMemorySchemaRegistry();
    const serde = createAvroSerde({ registry });
    const v1 = await serde.encode('points-value', pointV1, { x: 1, label: null });
    const v2 = await serde.encode('points-v2-value', pointV2, { x: 2, label: null, y: 9 });

    expect((await serde.decode(v1)).value).toEqual({ x: 1, label: null });
    expect((await serde.decode(v2)).value).toEqual({ x: 2, label: null, y: 9 });
    expect(parseWireFormat(v1).schemaId).not.toBe(parseWireFormat(v2).schemaId);
  });

  it('registers a subject schema once for many encodes', async () => {
    const registry = new CountingRegistry();
    const serde = createAvroSerde({ registry });

    await Promise.all([1, 2, 3].map((x) => serde.encode('points-value', pointV1, { x, label: null })));
    const encode = await serde.encoderFor('points-value', pointV1);
    encode({ x: 4, label: null });

    expect(registry.registerCalls).toBe(1);
  });

  it('looks a schema id up once for many decodes', async () => {
    const registry = new CountingRegistry();
    const serde = createAvroSerde({ registry });
    const bytes = await serde.encode('points-value', pointV1, { x: 1, label: null });

    await Promise.all([serde.decode(bytes), serde.decode(bytes), serde.decode(bytes)]);

    expect(registry.getSchemaCalls).toBe(1);
  });

  it('does not cache a failed schema lookup', async () => {
    const registry = new CountingRegistry();
    const serde = createAvroSerde({ registry });
    const bytes = await serde.encode('points-value', pointV1, { x: 1, label: null });
    registry.failNextGets.push(new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, message: 'down', retriable: true }));

    expect(await codeOf(serde.decode(bytes))).toBe(kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE);
    expect((await serde.decode(bytes)).value).toEqual({ x: 1, label: null });
  });

  it('refuses a value that does not match the schema with DL_KAFKA_AVRO_ENCODE', async () => {
    const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });

    expect(await codeOf(serde.encode('points-value', pointV1, { x: 'not an int', label: null }))).toBe(kafkaErrorCodes.DL_KAFKA_AVRO_ENCODE);
  });

  it('refuses a wire-format value with an unknown schema id with DL_KAFKA_UNKNOWN_SCHEMA_ID', async () => {
    const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });

    expect(await codeOf(serde.decode(toWireFormat(4242, Buffer.from([2]))))).toBe(kafkaErrorCodes.DL_KAFKA_UNKNOWN_SCHEMA_ID);
  });

  it('refuses a body that does not decode with its schema with DL_KAFKA_AVRO_DECODE, naming the id', async () => {
    const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });
    const { schemaId } = parseWireFormat(await serde.encode('points-value', pointV1, { x: 1, label: null }));

    try {
      await serde.decode(toWireFormat(schemaId, Buffer.from([0x02, 0x09])));
      expect.unreachable('a bad union index decoded');
    } catch (error) {
      expect(isKafkaError(error) && { code: error.code, schemaId: error.context.schemaId, retriable: error.retriable })
        .toEqual({ code: kafkaErrorCodes.DL_KAFKA_AVRO_DECODE, schemaId, retriable: false });
    }
  });

  it('refuses bytes that are not in wire format with DL_KAFKA_NOT_WIRE_FORMAT', async () => {
    const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });

    expect(await codeOf(serde.decode(Buffer.from('hello')))).toBe(kafkaErrorCodes.DL_KAFKA_NOT_WIRE_FORMAT);
  });
});
