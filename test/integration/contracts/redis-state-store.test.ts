// The StateStore contract against real Redis (the suite deletes its keys and closes the store).
import { describe, expect, it, onTestFinished } from 'vitest';
import { Redis } from 'ioredis';
import { RedisStateStore } from '@driftline/redis-state';
import { describeStateStoreContract } from '../../contracts/state-store.contract.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';

describeStateStoreContract('RedisStateStore', () =>
  Promise.resolve({ store: new RedisStateStore({ url: stackEnv().redisUrl }), prefix: `${uniqueName()}:` }),
);

describe('RedisStateStore expiry (Redis only: the fake does not model time)', () => {
  it('expires touched keys at their explicit time, others after the default ttl', async () => {
    // Arrange
    const store = new RedisStateStore({ url: stackEnv().redisUrl });
    const redis = new Redis(stackEnv().redisUrl);
    const ns = `${uniqueName()}:`;
    onTestFinished(async () => { await store.deleteByPrefix(ns); await store.close(); redis.disconnect(); });
    const at = Math.floor(Date.now() / 1000) + 1000;

    // Act
    await store.applyWithWatermark({
      watermarkKey: `${ns}wm`, watermarkField: 'p:0', offset: 1, ttlSeconds: 50,
      increments: [{ key: `${ns}a`, field: 'n', by: 1 }, { key: `${ns}b`, field: 'n', by: 1 }],
      expireAt: { [`${ns}a`]: at },
    });

    // Assert
    expect(await redis.ttl(`${ns}a`)).toBeGreaterThan(990);
    expect(await redis.ttl(`${ns}b`)).toBeLessThanOrEqual(50);
    expect(await redis.ttl(`${ns}b`)).toBeGreaterThan(40);
    expect(await redis.ttl(`${ns}wm`)).toBe(-1); // watermarks never expire
  });
});
