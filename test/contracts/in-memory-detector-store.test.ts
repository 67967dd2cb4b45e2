import { InMemoryDetectorStore } from '@driftline/redis-state';
import { describeDetectorStoreContract } from './detector-store.contract.ts';

describeDetectorStoreContract('InMemoryDetectorStore', () => ({ store: new InMemoryDetectorStore(), prefix: 'contract:', cleanup: () => Promise.resolve() }));
