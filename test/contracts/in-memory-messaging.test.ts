import { InMemoryBroker } from '@driftline/kafka';
import { describeMessagingContract } from './messaging.contract.ts';

describeMessagingContract('InMemoryBroker', () => {
  const broker = new InMemoryBroker();
  return Promise.resolve({ publisher: broker.publisher(), admin: broker.admin(), source: (groupId) => broker.source(groupId), topicPrefix: 'contract-' });
});
