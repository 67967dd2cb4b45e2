// Adapter: a Confluent-compatible registry over HTTP (Confluent Schema Registry, Apicurio's
// /apis/ccompat/v7, Karapace). Basic auth or a bearer token; https uses the system CAs
// (add a private CA with NODE_EXTRA_CA_CERTS).
import { KafkaError, kafkaErrorCodes } from '../errors.ts';
import type { SchemaRegistry } from './schema-registry.ts';

export interface RegistryAuth {
  readonly username?: string;
  readonly password?: string;
  readonly token?: string;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export class HttpSchemaRegistry implements SchemaRegistry {
  readonly #baseUrl: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;

  constructor(options: { url: string; auth?: RegistryAuth; timeoutMs?: number }) {
    this.#baseUrl = options.url.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#headers = { 'content-type': CONTENT_TYPE, accept: CONTENT_TYPE };
    const auth = options.auth;
    if (auth?.token !== undefined) this.#headers['authorization'] = `Bearer ${auth.token}`;
    else if (auth?.username !== undefined) {
      const basic = Buffer.from(`${auth.username}:${auth.password ?? ''}`).toString('base64');
      this.#headers['authorization'] = `Basic ${basic}`;
    }
  }

  async register(subject: string, schema: string): Promise<number> {
    const res = await this.#request('POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema, schemaType: 'AVRO' });
    if (res.status === 409) {
      throw new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_INCOMPATIBLE_SCHEMA, message: `registry refused an incompatible schema for subject ${subject}: ${res.text}`, context: { subject } });
    }
    const body = this.#json(res, subject) as { id?: unknown };
    if (typeof body.id !== 'number') throw this.#rejected(res, subject);
    return body.id;
  }

  async getSchema(id: number): Promise<string> {
    const res = await this.#request('GET', `/schemas/ids/${id}`);
    if (res.status === 404) {
      throw new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_UNKNOWN_SCHEMA_ID, message: `schema id ${id} is not in the registry`, context: { schemaId: id } });
    }
    const body = this.#json(res, `schema id ${id}`) as { schema?: unknown };
    if (typeof body.schema !== 'string') throw this.#rejected(res, `schema id ${id}`);
    return body.schema;
  }

  async isCompatible(subject: string, schema: string): Promise<boolean> {
    const res = await this.#request('POST', `/compatibility/subjects/${encodeURIComponent(subject)}/versions/latest`, { schema, schemaType: 'AVRO' });
    if (res.status === 404) return true; // no version yet: anything is compatible
    const body = this.#json(res, subject) as { is_compatible?: unknown };
    return body.is_compatible === true;
  }

  async #request(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    try {
      const res = await fetch(`${this.#baseUrl}${path}`, {
        method,
        headers: this.#headers,
        signal: AbortSignal.timeout(this.#timeoutMs),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (res.status >= 500 || res.status === 429) {
        throw new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, message: `schema registry answered ${res.status} to ${method} ${path}`, retriable: true });
      }
      return { status: res.status, text };
    } catch (error) {
      if (error instanceof KafkaError) throw error;
      throw new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, message: `schema registry at ${this.#baseUrl} is unreachable (${method} ${path})`, retriable: true, cause: error });
    }
  }

  #json(res: { status: number; text: string }, what: string): unknown {
    if (res.status < 200 || res.status >= 300) throw this.#rejected(res, what);
    return JSON.parse(res.text) as unknown;
  }

  #rejected(res: { status: number; text: string }, what: string): KafkaError {
    return new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_REJECTED, message: `schema registry refused the request for ${what}: HTTP ${res.status} ${res.text.slice(0, 300)}` });
  }
}
