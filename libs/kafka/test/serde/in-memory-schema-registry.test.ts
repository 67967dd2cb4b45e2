import { describe, expect, it } from 'vitest';
import { InMemorySchemaRegistry, isKafkaError, kafkaErrorCodes } from '@driftline/kafka';
import { codeOf } from '../support/code-of.ts';

const v1 = { type: 'record', name: 'Item', namespace: 'test', fields: [{ name: 'id', type: 'string' }] };
const withDefault = { ...v1, fields: [...v1.fields, { name: 'qty', type: 'int', default: 0 }] };
const withoutDefault = { ...v1, fields: [...v1.fields, { name: 'qty', type: 'int' }] };
const text = (schema: object): string => JSON.stringify(schema);

describe('InMemorySchemaRegistry', () => {
  it('gives the same id when the same schema is registered again under the subject', async () => {
    const registry = new InMemorySchemaRegistry();

    const first = await registry.register('items-value', text(v1));
    const again = await registry.register('items-value', text(v1));

    expect(again).toBe(first);
  });

  it('treats a schema differing only in whitespace as the same schema', async () => {
    const registry = new InMemorySchemaRegistry();
    const first = await registry.register('items-value', text(v1));

    const again = await registry.register('items-value', JSON.stringify(v1, null, 2));

    expect(again).toBe(first);
  });

  it('gives one global id to the same schema under two subjects', async () => {
    const registry = new InMemorySchemaRegistry();

    const a = await registry.register('a-value', text(v1));
    const b = await registry.register('b-value', text(v1));

    expect(b).toBe(a);
  });

  it('gives distinct ids to distinct schemas', async () => {
    const registry = new InMemorySchemaRegistry();

    const a = await registry.register('items-value', text(v1));
    const b = await registry.register('other-items-value', text(withoutDefault));

    expect(b).not.toBe(a);
  });

  it('returns the schema of an id, readable as the same Avro type', async () => {
    const registry = new InMemorySchemaRegistry();
    const id = await registry.register('items-value', text(withoutDefault));

    const schema = JSON.parse(await registry.getSchema(id)) as { name: string; namespace?: string; fields: { name: string }[] };

    expect(`${schema.namespace ?? ''}.${schema.name}`).toBe('test.Item');
    expect(schema.fields.map((f) => f.name)).toEqual(['id', 'qty']);
  });

  it('returns the schema of an id with its field defaults', async () => {
    const registry = new InMemorySchemaRegistry();
    const id = await registry.register('items-value', text(withDefault));

    const schema = JSON.parse(await registry.getSchema(id)) as { fields: { name: string; default?: unknown }[] };

    expect(schema.fields.find((f) => f.name === 'qty')?.default).toBe(0);
  });

  it('throws DL_KAFKA_UNKNOWN_SCHEMA_ID with the id for an unknown id', async () => {
    const registry = new InMemorySchemaRegistry();

    try {
      await registry.getSchema(99);
      expect.unreachable('an unknown id resolved');
    } catch (error) {
      expect(isKafkaError(error) && { code: error.code, schemaId: error.context.schemaId }).toEqual({ code: kafkaErrorCodes.DL_KAFKA_UNKNOWN_SCHEMA_ID, schemaId: 99 });
    }
  });

  it('accepts a BACKWARD-compatible change (a new field with a default)', async () => {
    const registry = new InMemorySchemaRegistry();
    await registry.register('items-value', text(v1));

    expect(await registry.isCompatible('items-value', text(withDefault))).toBe(true);
    expect(await registry.register('items-value', text(withDefault))).toBeGreaterThan(0);
  });

  it('refuses an incompatible change (a new field without a default)', async () => {
    const registry = new InMemorySchemaRegistry();
    await registry.register('items-value', text(v1));

    expect(await registry.isCompatible('items-value', text(withoutDefault))).toBe(false);
    expect(await codeOf(registry.register('items-value', text(withoutDefault)))).toBe(kafkaErrorCodes.DL_KAFKA_INCOMPATIBLE_SCHEMA);
  });

  it('accepts any schema for a subject that has none yet', async () => {
    const registry = new InMemorySchemaRegistry();
    await registry.register('items-value', text(v1));

    expect(await registry.isCompatible('other-value', text(withoutDefault))).toBe(true);
  });
});
