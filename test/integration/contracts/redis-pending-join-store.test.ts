// The PendingJoinStore contract against real Redis; every key the suite wrote is deleted afterwards.
import { onTestFinished } from 'vitest';
import { RedisPendingJoinStore, RedisStateStore } from '@driftline/redis-state';
import { describePendingJoinStoreContract } from '../../contracts/pending-join-store.contract.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';

describePendingJoinStoreContract('RedisPendingJoinStore', (ttlMs) => {
  const keyPrefix = `${uniqueName()}:join:`;
  onTestFinished(async () => {
    const cleaner = new RedisStateStore({ url: stackEnv().redisUrl });
    await cleaner.deleteByPrefix(keyPrefix);
    await cleaner.close();
  });
  return Promise.resolve(new RedisPendingJoinStore({ url: stackEnv().redisUrl, keyPrefix, ttlMs }));
});
