// The schema-registry contract against the real registry (Apicurio's Confluent-compatible API).
import { HttpSchemaRegistry } from '@driftline/kafka';
import { describeSchemaRegistryContract } from '../../contracts/schema-registry.contract.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';

describeSchemaRegistryContract('HttpSchemaRegistry', () =>
  Promise.resolve({ registry: new HttpSchemaRegistry({ url: stackEnv().registryUrl }), subjectPrefix: `${uniqueName()}-` }),
);
