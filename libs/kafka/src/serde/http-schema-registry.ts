// Adapter: a Confluent-compatible registry over HTTP (Confluent Schema Registry, Apicurio's
// /apis/ccompat/v7, Karapace). Basic auth or a bearer token; https with the system CAs or a given
// CA file, and a client certificate for mutual TLS. Connections are kept alive.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { readTlsFiles } from '../config/tls-files.ts';
import type { TlsFiles } from '../config/tls-files.ts';
import { KafkaError, kafkaErrorCodes } from '../errors.ts';
import type { SchemaRegistry } from './schema-registry.ts';

export interface RegistryAuth {
  readonly username?: string;
  readonly password?: string;
  readonly token?: string;
}

/** PEM files for an https registry: its CA (else the system CAs), a client certificate and key. */
export type RegistryTls = TlsFiles;

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export class HttpSchemaRegistry implements SchemaRegistry {
  readonly #baseUrl: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  readonly #https: boolean;
  readonly #agent: HttpAgent;

  constructor(options: { url: string; auth?: RegistryAuth; timeoutMs?: number; tls?: RegistryTls }) {
    this.#baseUrl = options.url.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#https = this.#baseUrl.startsWith('https:');
    this.#agent = this.#https ? new HttpsAgent({ keepAlive: true, ...readTlsFiles(options.tls ?? {}) }) : new HttpAgent({ keepAlive: true });
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

  /** One request and its whole answer, within the timeout. */
  #send(method: string, path: string, body: string | undefined): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const headers = body === undefined ? this.#headers : { ...this.#headers, 'content-length': String(Buffer.byteLength(body)) };
      const req = (this.#https ? httpsRequest : httpRequest)(`${this.#baseUrl}${path}`, { method, headers, agent: this.#agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => { chunks.push(chunk); });
        res.on('end', () => { clearTimeout(timer); resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }); });
        res.on('error', reject);
      });
      const timer = setTimeout(() => { req.destroy(new Error(`no answer within ${this.#timeoutMs} ms`)); }, this.#timeoutMs);
      req.on('error', (error) => { clearTimeout(timer); reject(error); });
      req.end(body);
    });
  }

  async #request(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    try {
      const res = await this.#send(method, path, body === undefined ? undefined : JSON.stringify(body));
      const text = res.text;
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
