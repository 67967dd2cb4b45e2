import { InMemoryPendingJoinStore } from '@driftline/redis-state';
import { describePendingJoinStoreContract } from './pending-join-store.contract.ts';

describePendingJoinStoreContract('InMemoryPendingJoinStore', (ttlMs) => Promise.resolve(new InMemoryPendingJoinStore({ ttlMs })));
