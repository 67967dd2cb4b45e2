// HttpSchemaRegistry against a scripted local HTTP server: how answers map to errors and retriability.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { HttpSchemaRegistry, isKafkaError, kafkaErrorCodes } from '@driftline/kafka';
import type { RegistryAuth } from '@driftline/kafka';

interface Seen { method: string; url: string; headers: IncomingHttpHeaders; body: string }
type Reply = { status: number; body?: unknown } | 'hang';

async function startRegistry(reply: (req: Seen) => Reply): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      const out = reply(request);
      if (out === 'hang') return;
      res.writeHead(out.status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
      res.end(out.body === undefined ? '' : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => { server.close(() => { resolve(); }); server.closeAllConnections(); }));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, seen };
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; retriable: boolean } | string> {
  try {
    await promise;
  } catch (error) {
    return isKafkaError(error) ? { code: error.code, retriable: error.retriable } : `not a KafkaError: ${String(error)}`;
  }
  return 'resolved';
}

const schema = JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'string' }] });

describe('HttpSchemaRegistry', () => {
  it('registers under the subject and returns the id', async () => {
    const { url, seen } = await startRegistry(() => ({ status: 200, body: { id: 17 } }));
    const registry = new HttpSchemaRegistry({ url });

    const id = await registry.register('team/a-value', schema);

    expect(id).toBe(17);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('/subjects/team%2Fa-value/versions');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ schema, schemaType: 'AVRO' });
    expect(seen[0]?.headers['content-type']).toBe('application/vnd.schemaregistry.v1+json');
  });

  it('maps 409 on register to DL_KAFKA_INCOMPATIBLE_SCHEMA, not retriable', async () => {
    const { url } = await startRegistry(() => ({ status: 409, body: { error_code: 409, message: 'incompatible' } }));

    expect(await failureOf(new HttpSchemaRegistry({ url }).register('s-value', schema))).toEqual({ code: kafkaErrorCodes.DL_KAFKA_INCOMPATIBLE_SCHEMA, retriable: false });
  });

  it('maps 422 on register to DL_KAFKA_REGISTRY_REJECTED, not retriable', async () => {
    const { url } = await startRegistry(() => ({ status: 422, body: { error_code: 42201, message: 'invalid schema' } }));

    expect(await failureOf(new HttpSchemaRegistry({ url }).register('s-value', schema))).toEqual({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_REJECTED, retriable: false });
  });

  it('returns the schema text of an id', async () => {
    const { url, seen } = await startRegistry(() => ({ status: 200, body: { schema } }));

    expect(await new HttpSchemaRegistry({ url }).getSchema(5)).toBe(schema);
    expect(seen[0]?.url).toBe('/schemas/ids/5');
  });

  it('maps 404 on an id to DL_KAFKA_UNKNOWN_SCHEMA_ID', async () => {
    const { url } = await startRegistry(() => ({ status: 404, body: { error_code: 40403, message: 'Schema not found' } }));

    expect(await failureOf(new HttpSchemaRegistry({ url }).getSchema(5))).toEqual({ code: kafkaErrorCodes.DL_KAFKA_UNKNOWN_SCHEMA_ID, retriable: false });
  });

  it.each([500, 503, 429])('maps HTTP %i to a retriable DL_KAFKA_REGISTRY_UNAVAILABLE', async (status) => {
    const { url } = await startRegistry(() => ({ status }));

    expect(await failureOf(new HttpSchemaRegistry({ url }).getSchema(1))).toEqual({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, retriable: true });
  });

  it('maps an unreachable registry to a retriable DL_KAFKA_REGISTRY_UNAVAILABLE', async () => {
    const { url } = await startRegistry(() => ({ status: 200 }));
    const registry = new HttpSchemaRegistry({ url: url.replace(/:\d+\//, ':1/') });

    expect(await failureOf(registry.getSchema(1))).toEqual({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, retriable: true });
  });

  it('gives up on a registry that does not answer within the timeout, as retriable', async () => {
    const { url } = await startRegistry(() => 'hang');

    expect(await failureOf(new HttpSchemaRegistry({ url, timeoutMs: 50 }).getSchema(1))).toEqual({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, retriable: true });
  });

  it('asks the compatibility endpoint and reads is_compatible', async () => {
    const { url, seen } = await startRegistry(() => ({ status: 200, body: { is_compatible: false } }));

    expect(await new HttpSchemaRegistry({ url }).isCompatible('s-value', schema)).toBe(false);
    expect(seen[0]?.url).toBe('/compatibility/subjects/s-value/versions/latest');
  });

  it('treats a subject without versions (404) as compatible', async () => {
    const { url } = await startRegistry(() => ({ status: 404, body: { error_code: 40401 } }));

    expect(await new HttpSchemaRegistry({ url }).isCompatible('s-value', schema)).toBe(true);
  });

  it.each<[string, RegistryAuth, string | undefined]>([
    ['no auth', {}, undefined],
    ['a bearer token', { token: 'tok' }, 'Bearer tok'],
    ['basic auth', { username: 'u', password: 'p' }, `Basic ${Buffer.from('u:p').toString('base64')}`],
    ['a token over basic auth', { token: 'tok', username: 'u', password: 'p' }, 'Bearer tok'],
  ])('sends %s', async (_what, auth, header) => {
    const { url, seen } = await startRegistry(() => ({ status: 200, body: { schema } }));

    await new HttpSchemaRegistry({ url, auth }).getSchema(1);

    expect(seen[0]?.headers.authorization).toBe(header);
  });
});
