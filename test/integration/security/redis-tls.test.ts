// Redis over TLS with a private CA and mutual TLS (Redis' default `tls-auth-clients yes`): the
// adapters connect with REDIS_TLS_CA_FILE / _CERT_FILE / _KEY_FILE and a rediss:// URL, and a client
// without its certificate, one trusting another CA, or one speaking plain TCP is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { RedisStateStore } from '@driftline/redis-state';
import { freePort, startPrivateRedis } from '../../support/private-redis.ts';
import { makeCertificates } from '../../support/test-certificates.ts';

describe('Redis TLS', () => {
  it('connects with the CA and a client certificate; refuses no certificate, another CA and plain TCP', async () => {
    // Arrange: a Redis that speaks TLS only and requires client certificates
    const dir = mkdtempSync(join(tmpdir(), 'driftline-redis-tls-'));
    onTestFinished(() => { rmSync(dir, { recursive: true, force: true }); });
    const files = makeCertificates(dir);
    const tlsPort = await freePort();
    await startPrivateRedis(await freePort(), ['--port', '0', '--tls-port', String(tlsPort), '--tls-cert-file', files.serverCert, '--tls-key-file', files.serverKey, '--tls-ca-cert-file', files.ca]);
    const url = `rediss://127.0.0.1:${tlsPort}`;
    const errors: Error[] = [];
    const onError = (e: Error): void => { errors.push(e); };
    const good = new RedisStateStore({ url, tls: { caFile: files.ca, certFile: files.clientCert, keyFile: files.clientKey }, onError });
    const noCert = new RedisStateStore({ url, tls: { caFile: files.ca }, onError });
    const otherCa = new RedisStateStore({ url, tls: { caFile: files.otherCa, certFile: files.clientCert, keyFile: files.clientKey }, onError });
    const plain = new RedisStateStore({ url: `redis://127.0.0.1:${tlsPort}`, onError });
    onTestFinished(() => Promise.allSettled([good, noCert, otherCa, plain].map((s) => s.close())).then(() => undefined));

    // Act
    await good.ping();
    const applied = await good.applyWithWatermark({ watermarkKey: 'tls:wm', watermarkField: 'p0', offset: 7, increments: [{ key: 'tls:h', field: 'n', by: 2 }] });
    const watermark = await good.getWatermark('tls:wm', 'p0');
    const refusals = await Promise.all([noCert, otherCa, plain].map((s) => s.ping().then(() => undefined, (e: unknown) => e)));

    // Assert
    expect(applied).toBe(true);
    expect(watermark).toBe(7);
    for (const refusal of refusals) expect(refusal).toBeInstanceOf(Error);
    const messages = errors.map((e) => e.message).join('\n');
    expect(messages).toMatch(/certificate|self[- ]signed|unable to verify/i); // the client trusting another CA
    expect(messages).toMatch(/ECONNRESET|socket hang up|alert|certificate required|handshake|Connection is closed/i); // the server refusing a client without a certificate
  });
});
