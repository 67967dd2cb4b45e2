// The messaging contract against real Kafka (kafkajs adapters).
import { describeMessagingContract } from '../../contracts/messaging.contract.ts';
import { createTestKafka, uniqueName } from '../../support/kafka-factories.ts';

describeMessagingContract('Kafka (kafkajs)', () => {
  const clients = createTestKafka();
  return Promise.resolve({
    publisher: clients.publisher,
    admin: clients.admin,
    source: (groupId: string) => clients.source({ groupId }),
    topicPrefix: `${uniqueName()}-`,
  });
});
