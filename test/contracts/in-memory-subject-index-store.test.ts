import { InMemorySubjectIndexStore } from '@driftline/redis-state';
import { describeSubjectIndexStoreContract } from './subject-index-store.contract.ts';

describeSubjectIndexStoreContract('InMemorySubjectIndexStore', (ttls) => Promise.resolve(new InMemorySubjectIndexStore(ttls)));
