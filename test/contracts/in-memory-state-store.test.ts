import { InMemoryStateStore } from '@driftline/redis-state';
import { describeStateStoreContract } from './state-store.contract.ts';

describeStateStoreContract('InMemoryStateStore', () => Promise.resolve({ store: new InMemoryStateStore(), prefix: 'contract:' }));
