// Clients authenticate: Kafka over SASL/PLAIN (the local stack's SASL listener) and Redis with AUTH.
// A wrong secret is refused, a right one works.
import { describe, expect, it, onTestFinished } from 'vitest';
import { createKafkaClients, isRetriable } from '@driftline/kafka';
import { RedisStateStore } from '@driftline/redis-state';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';
import { waitFor } from '../../support/wait-for.ts';
import { freePort, startPrivateRedis } from '../../support/private-redis.ts';

const saslBrokers = stackEnv().kafkaSaslBrokers;
const username = process.env['KAFKA_SASL_TEST_USERNAME'] ?? 'driftline';
const password = process.env['KAFKA_SASL_TEST_PASSWORD'] ?? 'driftline-local';

describe('Kafka SASL/PLAIN', () => {
  it.skipIf(saslBrokers === undefined)('produces and consumes with the right credentials and is refused with a wrong password', async () => {
    // Arrange
    const good = createKafkaClients({ brokers: saslBrokers ?? [], clientId: uniqueName('sasl'), sasl: { mechanism: 'plain', username, password } });
    const bad = createKafkaClients({ brokers: saslBrokers ?? [], clientId: uniqueName('sasl-bad'), sasl: { mechanism: 'plain', username, password: `${password}-wrong` } });
    onTestFinished(() => Promise.all([good.disconnect(), bad.disconnect()]).then(() => undefined));
    const topic = uniqueName('it-sasl');
    await good.admin.createTopics([{ role: 'predictions', name: topic, partitions: 1, replicationFactor: 1, configs: {} }]);
    onTestFinished(() => good.admin.deleteTopics([topic]));

    // Act
    await good.publisher.publish([{ topic, key: 'k', value: Buffer.from('hello over SASL') }]);
    const received: string[] = [];
    const source = good.source({ groupId: uniqueName('sasl-group') });
    await source.run({ topics: [topic], fromBeginning: true, onBatch: (batch, control) => {
      for (const m of batch.messages) { received.push(m.value?.toString() ?? ''); control.resolveOffset(m.offset); }
      return Promise.resolve();
    } });
    await waitFor(() => received.length > 0 || undefined, { what: 'the message over SASL', timeoutMs: 30_000 });
    await source.stop();
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
