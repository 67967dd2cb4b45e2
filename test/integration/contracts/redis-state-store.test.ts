// The StateStore contract against real Redis (the suite deletes its keys and closes the store).
import { RedisStateStore } from '@driftline/redis-state';
import { describeStateStoreContract } from '../../contracts/state-store.contract.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';

describeStateStoreContract('RedisStateStore', () =>
  Promise.resolve({ store: new RedisStateStore({ url: stackEnv().redisUrl }), prefix: `${uniqueName()}:` }),
);
