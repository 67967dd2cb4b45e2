// Avro serde over a schema registry, in the Confluent wire format, with types cached by id.
import avro from 'avsc';
import { KafkaError, kafkaErrorCodes } from '../errors.ts';
import type { SchemaRegistry } from './schema-registry.ts';
import { parseWireFormat, toWireFormat } from './wire-format.ts';

export interface Decoded<T> {
  readonly schemaId: number;
  readonly value: T;
}

export interface AvroSerde {
  /** Registers (once, cached) `schema` under `subject` and encodes `value` with it. */
  encode(subject: string, schema: object, value: unknown): Promise<Buffer>;
  /** Decodes with the writer schema named by the record's schema id. */
  decode<T>(bytes: Buffer): Promise<Decoded<T>>;
  /** Decodes synchronously when the writer schema is already cached; undefined when it is not (then use decode). */
  decodeCached<T>(bytes: Buffer): Decoded<T> | undefined;
  /** Registers a schema and returns its id and a synchronous encoder (for hot produce paths). */
  encoderFor(subject: string, schema: object): Promise<(value: unknown) => Buffer>;
}

export function createAvroSerde(deps: { registry: SchemaRegistry }): AvroSerde {
  const types = new Map<number, Promise<avro.Type>>();
  const resolved = new Map<number, avro.Type>();
  const encoders = new Map<string, Promise<(value: unknown) => Buffer>>();

  const typeFor = (schemaId: number): Promise<avro.Type> => {
    let type = types.get(schemaId);
    if (type === undefined) {
      type = deps.registry.getSchema(schemaId).then((text) => {
        const parsed = avro.Type.forSchema(JSON.parse(text) as avro.Schema, { wrapUnions: false });
        resolved.set(schemaId, parsed);
        return parsed;
      });
      types.set(schemaId, type);
      type.catch(() => types.delete(schemaId)); // never cache a failure
    }
    return type;
  };

  const encoderFor = (subject: string, schema: object): Promise<(value: unknown) => Buffer> => {
    const text = JSON.stringify(schema);
    const cacheKey = `${subject}\u0000${text}`;
    let encoder = encoders.get(cacheKey);
    if (encoder === undefined) {
      encoder = deps.registry.register(subject, text).then((id) => {
        const type = avro.Type.forSchema(schema as avro.Schema, { wrapUnions: false });
        return (value: unknown): Buffer => {
          try {
            return toWireFormat(id, type.toBuffer(value));
          } catch (error) {
            throw new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_AVRO_ENCODE, message: `value does not match schema for ${subject}: ${describe(error)}`, context: { subject, schemaId: id }, cause: error });
          }
        };
      });
      encoders.set(cacheKey, encoder);
      encoder.catch(() => encoders.delete(cacheKey));
    }
    return encoder;
  };

  return {
    encoderFor,
    async encode(subject, schema, value) {
      return (await encoderFor(subject, schema))(value);
    },
    async decode<T>(bytes: Buffer): Promise<Decoded<T>> {
      const { schemaId, body } = parseWireFormat(bytes);
      return decodeBody<T>(await typeFor(schemaId), schemaId, body);
    },
    decodeCached<T>(bytes: Buffer): Decoded<T> | undefined {
      const { schemaId, body } = parseWireFormat(bytes);
      const type = resolved.get(schemaId);
      return type === undefined ? undefined : decodeBody<T>(type, schemaId, body);
    },
  };
}

function decodeBody<T>(type: avro.Type, schemaId: number, body: Buffer): Decoded<T> {
  try {
    return { schemaId, value: type.fromBuffer(body) as T };
  } catch (error) {
    throw new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_AVRO_DECODE, message: `Avro body does not decode with schema id ${schemaId}: ${describe(error)}`, context: { schemaId }, cause: error });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
