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

describe('RedisStateStore vectors (Redis only: how they are stored)', () => {
  it('keeps the pending vector deltas of a bounded number of updates per hash', async () => {
    // Arrange
    const store = new RedisStateStore({ url: stackEnv().redisUrl });
    const redis = new Redis(stackEnv().redisUrl);
    const ns = `${uniqueName()}:`;
    onTestFinished(async () => { await store.deleteByPrefix(ns); await store.close(); redis.disconnect(); });

    // Act: 40 updates of two vector fields
    for (let i = 1; i <= 40; i++) {
      await store.applyWithWatermark({ watermarkKey: `${ns}wm`, watermarkField: 'p:0', offset: i, increments: [], vectors: [{ key: `${ns}w`, field: 'a', offset: 0, values: [1, 2] }, { key: `${ns}w`, field: 'b', offset: i, values: [1] }] });
    }

    // Assert: the sums, and the pending fields of at most 8 updates beside the two vectors and two bookkeeping fields
    const fields = await store.getHashFields(`${ns}w`);
    expect([...(fields.vectors['a']?.values ?? [])]).toEqual([40, 80]);
    expect([fields.vectors['b']?.offset, [...(fields.vectors['b']?.values ?? [])]]).toEqual([1, new Array<number>(40).fill(1)]);
    expect(await redis.hlen(`${ns}w`)).toBeLessThanOrEqual(2 + 2 + 2 * 8);
  });
});
