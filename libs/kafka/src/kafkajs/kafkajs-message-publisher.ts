// Adapter: MessagePublisher over a kafkajs producer (acks=all, batched per topic, murmur2
// partitioner as the Java client, so every producer puts a requestId in the same partition).
import kafkajs from 'kafkajs';
import type { Kafka, Producer, Message } from 'kafkajs';
import type { MessagePublisher, OutboundMessage } from '../consume/messages.ts';

export class KafkajsMessagePublisher implements MessagePublisher {
  readonly #producer: Producer;
  #connected: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    this.#producer = kafka.producer({ createPartitioner: kafkajs.Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, idempotent: false, maxInFlightRequests: 5 });
  }

  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.#connected ??= this.#producer.connect();
    await this.#connected;
    const byTopic = new Map<string, Message[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: m.key, value: m.value, ...(m.headers === undefined ? {} : { headers: { ...m.headers } }), ...(m.partition === undefined ? {} : { partition: m.partition }) });
      byTopic.set(m.topic, list);
    }
    await this.#producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
  }

  async disconnect(): Promise<void> {
    await this.#producer.disconnect();
  }
}
