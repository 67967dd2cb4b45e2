import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SaslMechanism, toKafkajsConfig } from '@driftline/kafka';

describe('toKafkajsConfig', () => {
  it('passes brokers and client id, with bounded retries and no TLS or SASL by default', () => {
    const config = toKafkajsConfig({ brokers: ['a:9092', 'b:9092'], clientId: 'aggregator' });

    expect(config).toMatchObject({ clientId: 'aggregator', brokers: ['a:9092', 'b:9092'] });
    expect(config.retry?.retries).toBeGreaterThan(0);
    expect(config.ssl).toBeUndefined();
    expect(config.sasl).toBeUndefined();
  });

  it('reads the TLS files and verifies the broker by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-tls-'));
    onTestFinished(() => { rmSync(dir, { recursive: true }); });
    for (const [file, text] of [['ca.pem', 'CA'], ['cert.pem', 'CERT'], ['key.pem', 'KEY']] as const) writeFileSync(join(dir, file), text);

    const config = toKafkajsConfig({ brokers: ['a:9093'], clientId: 'x', tls: { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') } });

    expect(config.ssl).toEqual({ rejectUnauthorized: true, ca: ['CA'], cert: 'CERT', key: 'KEY' });
  });

  it('turns broker verification off only when asked', () => {
    expect(toKafkajsConfig({ brokers: ['a:9093'], clientId: 'x', tls: { rejectUnauthorized: false } }).ssl).toEqual({ rejectUnauthorized: false });
  });

  it('passes SASL settings', () => {
    const config = toKafkajsConfig({ brokers: ['a:9092'], clientId: 'x', sasl: { mechanism: SaslMechanism.SCRAM_SHA_512, username: 'u', password: 'p' } });

    expect(config.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'u', password: 'p' });
  });
});
