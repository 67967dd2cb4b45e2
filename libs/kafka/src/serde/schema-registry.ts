// The schema-registry port: what the serde needs from a Confluent-compatible registry.
export interface SchemaRegistry {
  /** Registers `schema` (Avro JSON text) under `subject`; returns its global id. Idempotent. */
  register(subject: string, schema: string): Promise<number>;
  /** The Avro JSON text of a schema id; throws DL_KAFKA_UNKNOWN_SCHEMA_ID when the registry has none. */
  getSchema(id: number): Promise<string>;
  /** Whether `schema` may be registered under `subject` by the subject's compatibility rule. */
  isCompatible(subject: string, schema: string): Promise<boolean>;
}

/** TopicNameStrategy: `<topic>-value`. */
export function toTopicSubject(topic: string): string {
  return `${topic}-value`;
}

/** TopicRecordNameStrategy: `<topic>-<record full name>`, so each model can evolve its own schema. */
export function toTopicRecordSubject(topic: string, recordFullName: string): string {
  return `${topic}-${recordFullName}`;
}
