// The SchemaRegistry contract (style rule 25): InMemorySchemaRegistry here; HttpSchemaRegistry
// against a real Confluent-compatible registry (subjects in BACKWARD mode) from the integration
// project. Every case registers under its own subject `${subjectPrefix}${randomUUID()}-value`.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAvroSerde, isKafkaError, kafkaErrorCodes } from '@driftline/kafka';
import type { SchemaRegistry } from '@driftline/kafka';

interface FieldDef { readonly name: string; readonly type: string; readonly default?: unknown }
const record = (fields: readonly FieldDef[]): { type: 'record'; name: string; namespace: string; fields: readonly FieldDef[] } =>
  ({ type: 'record', name: 'ContractItem', namespace: 'io.driftline.contract', fields });

const v1 = record([{ name: 'id', type: 'string' }, { name: 'count', type: 'long' }]);
const v2WithDefault = record([...v1.fields, { name: 'region', type: 'string', default: 'unknown' }]);
const v2WithoutDefault = record([...v1.fields, { name: 'region', type: 'string' }]);

/** The parts of a record schema that decide how data is read, for comparing what a registry returns. */
function toShape(text: string): { fullName: string; fields: [string, unknown][] } {
  const schema = JSON.parse(text) as { name: string; namespace?: string; fields: { name: string; type: unknown }[] };
  const fullName = schema.name.includes('.') || schema.namespace === undefined ? schema.name : `${schema.namespace}.${schema.name}`;
  return { fullName, fields: schema.fields.map((f) => [f.name, typeof f.type === 'object' && f.type !== null && 'type' in f.type ? f.type.type : f.type]) };
}

async function errorCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isKafkaError(error) ? error.code : `not a KafkaError: ${String(error)}`;
  }
  return undefined;
}

export function describeSchemaRegistryContract(
  name: string,
  create: () => Promise<{ registry: SchemaRegistry; subjectPrefix: string }>,
): void {
  const setup = async (): Promise<{ registry: SchemaRegistry; subject: string }> => {
    const { registry, subjectPrefix } = await create();
    return { registry, subject: `${subjectPrefix}${randomUUID()}-value` };
  };

  describe(`schema-registry contract: ${name}`, () => {
    it('registers a schema idempotently: the same schema gets the same id', async () => {
      const { registry, subject } = await setup();

      const first = await registry.register(subject, JSON.stringify(v1));
      const again = await registry.register(subject, JSON.stringify(v1));

      expect(Number.isInteger(first) && first > 0).toBe(true);
      expect(again).toBe(first);
    });

    it('returns an equivalent schema for an id', async () => {
      const { registry, subject } = await setup();
      const id = await registry.register(subject, JSON.stringify(v1));

      const text = await registry.getSchema(id);

      expect(toShape(text)).toEqual(toShape(JSON.stringify(v1)));
    });

    it('returns a schema with its field defaults', async () => {
      const { registry, subject } = await setup();
      const id = await registry.register(subject, JSON.stringify(v2WithDefault));

      const fields = (JSON.parse(await registry.getSchema(id)) as { fields: FieldDef[] }).fields;

      expect(fields.find((f) => f.name === 'region')?.default).toBe('unknown');
    });

    it('serves the Avro serde: a value encoded through it decodes to the same value', async () => {
      const { registry, subject } = await setup();
      const serde = createAvroSerde({ registry });
      const value = { id: 'item-1', count: 42 };

      const decoded = await serde.decode(await serde.encode(subject, v1, value));

      expect(decoded.value).toEqual(value);
    });

    it('throws DL_KAFKA_UNKNOWN_SCHEMA_ID for an id it does not have', async () => {
      const { registry } = await setup();

      expect(await errorCodeOf(registry.getSchema(2_000_000_000))).toBe(kafkaErrorCodes.DL_KAFKA_UNKNOWN_SCHEMA_ID);
    });

    it('accepts anything for a subject with no versions yet', async () => {
      const { registry, subject } = await setup();

      expect(await registry.isCompatible(subject, JSON.stringify(v2WithoutDefault))).toBe(true);
    });

    it('accepts a BACKWARD-compatible change (a new field with a default) under a new id', async () => {
      const { registry, subject } = await setup();
      const first = await registry.register(subject, JSON.stringify(v1));

      expect(await registry.isCompatible(subject, JSON.stringify(v2WithDefault))).toBe(true);
      const second = await registry.register(subject, JSON.stringify(v2WithDefault));

      expect(second).not.toBe(first);
    });

    it('refuses an incompatible change (a new field without a default) with DL_KAFKA_INCOMPATIBLE_SCHEMA', async () => {
      const { registry, subject } = await setup();
      await registry.register(subject, JSON.stringify(v1));

      expect(await registry.isCompatible(subject, JSON.stringify(v2WithoutDefault))).toBe(false);
      expect(await errorCodeOf(registry.register(subject, JSON.stringify(v2WithoutDefault)))).toBe(kafkaErrorCodes.DL_KAFKA_INCOMPATIBLE_SCHEMA);
    });
  });
}
