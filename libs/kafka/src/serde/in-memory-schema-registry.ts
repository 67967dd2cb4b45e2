// Fake: an in-process registry with the BACKWARD rule (a new schema must read data written with the latest).
import avro from 'avsc';
import { KafkaError, kafkaErrorCodes } from '../errors.ts';
import type { SchemaRegistry } from './schema-registry.ts';

export class InMemorySchemaRegistry implements SchemaRegistry {
  readonly #byId = new Map<number, string>();
  readonly #subjects = new Map<string, string[]>();

  register(subject: string, schema: string): Promise<number> {
    const canonical = canonicalOf(schema);
    const versions = this.#subjects.get(subject) ?? [];
    const existing = [...this.#byId].find(([, s]) => s === canonical);
    if (existing !== undefined && versions.includes(canonical)) return Promise.resolve(existing[0]);
    if (!this.#compatible(versions, canonical)) {
      return Promise.reject(new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_INCOMPATIBLE_SCHEMA, message: `schema is not BACKWARD compatible with subject ${subject}`, context: { subject } }));
    }
    const id = existing?.[0] ?? this.#byId.size + 1;
    this.#byId.set(id, canonical);
    versions.push(canonical);
    this.#subjects.set(subject, versions);
    return Promise.resolve(id);
  }

  getSchema(id: number): Promise<string> {
    const schema = this.#byId.get(id);
    if (schema === undefined) {
      return Promise.reject(new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_UNKNOWN_SCHEMA_ID, message: `schema id ${id} is not in the registry`, context: { schemaId: id } }));
    }
    return Promise.resolve(schema);
  }

  isCompatible(subject: string, schema: string): Promise<boolean> {
    return Promise.resolve(this.#compatible(this.#subjects.get(subject) ?? [], canonicalOf(schema)));
  }

  #compatible(versions: string[], candidate: string): boolean {
    const latest = versions.at(-1);
    if (latest === undefined) return true;
    try {
      avro.Type.forSchema(JSON.parse(candidate) as avro.Schema).createResolver(avro.Type.forSchema(JSON.parse(latest) as avro.Schema));
      return true;
    } catch {
      return false;
    }
  }
}

function canonicalOf(schema: string): string {
  return JSON.stringify(avro.Type.forSchema(JSON.parse(schema) as avro.Schema).schema());
}
