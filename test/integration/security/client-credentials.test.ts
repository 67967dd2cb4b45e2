// Clients authenticate: Kafka over SASL PLAIN and SCRAM (the local stack's SASL listener) and Redis
// with AUTH. A wrong secret is refused, a right one works.
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createKafkaClients, isRetriable } from '@driftline/kafka';
import type { KafkaClients } from '@driftline/kafka';
import { RedisStateStore } from '@driftline/redis-state';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';
import { waitFor } from '../../support/wait-for.ts';
import { freePort, startPrivateRedis } from '../../support/private-redis.ts';

const { kafkaSaslBrokers: saslBrokers, kafkaSaslMechanisms } = stackEnv();
const username = process.env['KAFKA_SASL_TEST_USERNAME'] ?? 'driftline';
const password = process.env['KAFKA_SASL_TEST_PASSWORD'] ?? 'driftline-local';

/** Produces `text` to a new topic and reads it back through a consumer group; answers what was read. */
async function roundTrip(clients: KafkaClients, name: string, text: string): Promise<string[]> {
  const topic = uniqueName(`it-${name}`);
  await clients.admin.createTopics([{ role: 'predictions', name: topic, partitions: 1, replicationFactor: 1, configs: {} }]);
  onTestFinished(() => clients.admin.deleteTopics([topic]));
  await clients.publisher.publish([{ topic, key: 'k', value: Buffer.from(text) }]);
  const received: string[] = [];
  const source = clients.source({ groupId: uniqueName(`${name}-group`) });
  await source.run({ topics: [topic], fromBeginning: true, onBatch: (batch, control) => {
    for (const m of batch.messages) { received.push(m.value?.toString() ?? ''); control.resolveOffset(m.offset); }
    return Promise.resolve();
  } });
  await waitFor(() => received.length > 0 || undefined, { what: `the message (${text})`, timeoutMs: 30_000 });
  await source.stop();
  return received;
}

// The local stack's SASL listener takes PLAIN, and SCRAM-SHA-256/512 when its storage was formatted
// with their credentials (deploy/local/stack.sh; a fresh stack, as in CI, always is).
describe.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)('Kafka SASL %s', (mechanism) => {
  it.skipIf(saslBrokers === undefined || !kafkaSaslMechanisms.includes(mechanism))('produces and consumes with the right credentials and is refused with a wrong password', async () => {
    // Arrange
    const good = createKafkaClients({ brokers: saslBrokers ?? [], clientId: uniqueName('sasl'), sasl: { mechanism, username, password } });
    const bad = createKafkaClients({ brokers: saslBrokers ?? [], clientId: uniqueName('sasl-bad'), sasl: { mechanism, username, password: `${password}-wrong` } });
    onTestFinished(() => Promise.all([good.disconnect(), bad.disconnect()]).then(() => undefined));

    // Act
    const received = await roundTrip(good, 'sasl', 'hello over SASL');
    const refusal = await bad.admin.listTopics().then(() => undefined, (e: unknown) => e);

    // Assert
    expect(received).toEqual(['hello over SASL']);
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as Error).message).toMatch(/SASL|[Aa]uthentication/);
    expect(isRetriable(refusal)).toBe(false);
  });
});

describe('Redis AUTH', () => {
  it('works with the password and is refused without it', async () => {
    // Arrange: a private Redis that requires a password
    const { port } = await startPrivateRedis(await freePort(), ['--requirepass', 'redis-secret']);
    const withPassword = new RedisStateStore({ url: `redis://127.0.0.1:${port}`, password: 'redis-secret' });
    const inUrl = new RedisStateStore({ url: `redis://:redis-secret@127.0.0.1:${port}` });
    const without = new RedisStateStore({ url: `redis://127.0.0.1:${port}` });
    onTestFinished(() => Promise.allSettled([withPassword.close(), inUrl.close(), without.close()]).then(() => undefined));

    // Act
    await withPassword.ping();
    await inUrl.ping();
    const refusal = await without.ping().then(() => undefined, (e: unknown) => e);

    // Assert
    expect((refusal as Error).message).toMatch(/NOAUTH|Authentication/);
  });
});

// The local stack's TLS listener requires a client certificate of its own CA.
describe('Kafka TLS', () => {
  const tls = stackEnv().kafkaTls;
  it.skipIf(tls === undefined)('produces and consumes with the CA and a client certificate; refuses a client without a certificate and one trusting only the system CAs', async () => {
    // Arrange
    const dir = tls?.dir ?? '';
    const brokers = tls?.brokers ?? [];
    const good = createKafkaClients({ brokers, clientId: uniqueName('tls'), tls: { caFile: join(dir, 'ca.crt'), certFile: join(dir, 'client.crt'), keyFile: join(dir, 'client.key') } });
    const noCert = createKafkaClients({ brokers, clientId: uniqueName('tls-no-cert'), tls: { caFile: join(dir, 'ca.crt') } });
    const systemCas = createKafkaClients({ brokers, clientId: uniqueName('tls-system-ca'), tls: { certFile: join(dir, 'client.crt'), keyFile: join(dir, 'client.key') } });
    onTestFinished(() => Promise.allSettled([good, noCert, systemCas].map((c) => c.disconnect())).then(() => undefined));

    // Act
    const received = await roundTrip(good, 'tls', 'hello over TLS');
    const refusals = await Promise.all([noCert, systemCas].map((c) => c.admin.listTopics().then(() => undefined, (e: unknown) => e)));

    // Assert
    expect(received).toEqual(['hello over TLS']);
    for (const refusal of refusals) expect(refusal).toBeInstanceOf(Error);
  });
});
