// The SubjectIndexStore contract against real Redis; every key the suite wrote is deleted afterwards.
import { RedisSubjectIndexStore } from '@driftline/redis-state';
import { describeSubjectIndexStoreContract } from '../../contracts/subject-index-store.contract.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';
import { deleteRedisKeysAfterTest } from '../joiner/joiner-process.ts';

describeSubjectIndexStoreContract('RedisSubjectIndexStore', (ttls) =>
  Promise.resolve(new RedisSubjectIndexStore({ url: stackEnv().redisUrl, keyPrefix: deleteRedisKeysAfterTest(`${uniqueName()}:erase:`), ...ttls })),
);
