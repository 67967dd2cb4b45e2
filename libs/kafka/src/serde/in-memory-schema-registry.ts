// Fake: an in-process registry with the BACKWARD rule (a new schema must read data written with the
// latest). Schemas are kept as registered; identity is the parsed schema with its attributes
// (defaults, docs), as a real registry compares them.
import avro from 'avsc';
import { KafkaError, kafkaErrorCodes } from '../errors.ts';
import type { SchemaRegistry } from './schema-registry.ts';

export class InMemorySchemaRegistry implements SchemaRegistry {
  /** id → the schema text as first registered. */
  readonly #byId = new Map<number, string>();
  /** canonical form → id */
  readonly #ids = new Map<string, number>();
  /** subject → ids of its versions, oldest first */
  readonly #subjects = new Map<string, number[]>();

  register(subject: string, schema: string): Promise<number> {
    const canonical = canonicalOf(schema);
    const versions = this.#subjects.get(subject) ?? [];
    const known = this.#ids.get(canonical);
    if (known !== undefined && versions.includes(known)) return Promise.resolve(known);
    if (!this.#compatible(versions, schema)) {
      return Promise.reject(new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_INCOMPATIBLE_SCHEMA, message: `schema is not BACKWARD compatible with subject ${subject}`, context: { subject } }));
    }
    const id = known ?? this.#byId.size + 1;
    this.#byId.set(id, this.#byId.get(id) ?? schema);
    this.#ids.set(canonical, id);
    versions.push(id);
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
    return Promise.resolve(this.#compatible(this.#subjects.get(subject) ?? [], schema));
  }

  #compatible(versions: readonly number[], candidate: string): boolean {
    const latestId = versions.at(-1);
    const latest = latestId === undefined ? undefined : this.#byId.get(latestId);
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
  return JSON.stringify(avro.Type.forSchema(JSON.parse(schema) as avro.Schema).schema({ exportAttrs: true }));
}
