// The PendingJoinStore contract against real Redis; every key the suite wrote is deleted afterwards.
import { RedisPendingJoinStore } from '@driftline/redis-state';
import { describePendingJoinStoreContract } from '../../contracts/pending-join-store.contract.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';
import { deleteRedisKeysAfterTest } from '../joiner/joiner-process.ts';

describePendingJoinStoreContract('RedisPendingJoinStore', (ttlMs) =>
  Promise.resolve(new RedisPendingJoinStore({ url: stackEnv().redisUrl, keyPrefix: deleteRedisKeysAfterTest(`${uniqueName()}:join:`), ttlMs })),
);
