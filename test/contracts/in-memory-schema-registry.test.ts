import { InMemorySchemaRegistry } from '@driftline/kafka';
import { describeSchemaRegistryContract } from './schema-registry.contract.ts';

describeSchemaRegistryContract('InMemorySchemaRegistry', () => Promise.resolve({ registry: new InMemorySchemaRegistry(), subjectPrefix: 'contract-' }));
