import { InMemoryDocumentStore } from '@driftline/redis-state';
import { describeDocumentStoreContract } from './document-store.contract.ts';

describeDocumentStoreContract('InMemoryDocumentStore', () => ({ store: new InMemoryDocumentStore(), prefix: 'contract:' }));
