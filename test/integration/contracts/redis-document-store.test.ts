// The DocumentStore contract against real Redis (each case deletes its keys and closes the store).
import { RedisDocumentStore } from '@driftline/redis-state';
import { describeDocumentStoreContract } from '../../contracts/document-store.contract.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';

describeDocumentStoreContract('RedisDocumentStore', () => ({ store: new RedisDocumentStore({ url: stackEnv().redisUrl }), prefix: `${uniqueName()}:` }));
