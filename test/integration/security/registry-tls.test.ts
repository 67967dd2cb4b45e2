// The schema-registry client over https with a private CA and a client certificate, against a real
// TLS server (node:https, requiring client certificates) that answers like a registry: the right
// client reads a schema; one trusting only the system CAs, one trusting another CA, and one without
// a client certificate are refused (as an unreachable registry, retriable).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { HttpSchemaRegistry, isKafkaError, kafkaErrorCodes } from '@driftline/kafka';
import { makeCertificates } from '../../support/test-certificates.ts';

const SCHEMA = '{"type":"string"}';

describe('schema registry over TLS', () => {
  it('reads a schema with the CA and a client certificate; refuses the system CAs, another CA and no certificate', async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'driftline-registry-tls-'));
    onTestFinished(() => { rmSync(dir, { recursive: true, force: true }); });
    const files = makeCertificates(dir);
    const server = createServer({ cert: readFileSync(files.serverCert), key: readFileSync(files.serverKey), ca: readFileSync(files.ca), requestCert: true, rejectUnauthorized: true }, (req, res) => {
      res.writeHead(req.url === '/apis/ccompat/v7/schemas/ids/7' ? 200 : 404, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
      res.end(req.url === '/apis/ccompat/v7/schemas/ids/7' ? JSON.stringify({ schema: SCHEMA }) : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => { server.close(() => { resolve(); }); server.closeAllConnections(); }));
    const address = server.address();
    const url = `https://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/apis/ccompat/v7`;
    const client = { certFile: files.clientCert, keyFile: files.clientKey };

    // Act
    const schema = await new HttpSchemaRegistry({ url, tls: { caFile: files.ca, ...client } }).getSchema(7);
    const refusals = await Promise.all([
      new HttpSchemaRegistry({ url, tls: client, timeoutMs: 5000 }),
      new HttpSchemaRegistry({ url, tls: { caFile: files.otherCa, ...client }, timeoutMs: 5000 }),
      new HttpSchemaRegistry({ url, tls: { caFile: files.ca }, timeoutMs: 5000 }),
    ].map((registry) => registry.getSchema(7).then(() => undefined, (e: unknown) => e)));

    // Assert
    expect(schema).toBe(SCHEMA);
    for (const refusal of refusals) {
      expect(isKafkaError(refusal) && refusal.code).toBe(kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE);
      expect(isKafkaError(refusal) && refusal.retriable).toBe(true);
    }
  });
});
