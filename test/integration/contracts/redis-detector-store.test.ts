// The DetectorStore contract against real Redis.
import { RedisDetectorStore, RedisStateStore } from '@driftline/redis-state';
import { describeDetectorStoreContract } from '../../contracts/detector-store.contract.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';

describeDetectorStoreContract('RedisDetectorStore', () => ({
  store: new RedisDetectorStore({ url: stackEnv().redisUrl }),
  prefix: `${uniqueName()}:`,
  cleanup: async (ns) => { const keys = new RedisStateStore({ url: stackEnv().redisUrl }); await keys.deleteByPrefix(ns); await keys.close(); },
}));
