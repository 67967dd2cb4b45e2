// Builds the kafkajs adapters from connection settings (used by main.ts and the CLI).
import kafkajs from 'kafkajs';
import { toKafkajsConfig } from '../config/kafka-connection.ts';
import type { KafkaConnection } from '../config/kafka-connection.ts';
import { KafkajsMessagePublisher } from './kafkajs-message-publisher.ts';
import { KafkajsMessageSource } from './kafkajs-message-source.ts';
import type { KafkajsSourceOptions } from './kafkajs-message-source.ts';
import { KafkajsTopicAdmin } from './kafkajs-topic-admin.ts';

export interface KafkaClients {
  readonly publisher: KafkajsMessagePublisher;
  readonly admin: KafkajsTopicAdmin;
  source(options: KafkajsSourceOptions): KafkajsMessageSource;
  disconnect(): Promise<void>;
}

export function createKafkaClients(connection: KafkaConnection): KafkaClients {
  const kafka = new kafkajs.Kafka(toKafkajsConfig(connection));
  const publisher = new KafkajsMessagePublisher(kafka);
  const admin = new KafkajsTopicAdmin(kafka);
  const sources: KafkajsMessageSource[] = [];
  return {
    publisher,
    admin,
    source(options) {
      const source = new KafkajsMessageSource(kafka, options);
      sources.push(source);
      return source;
    },
    async disconnect() {
      await Promise.allSettled(sources.map((s) => s.stop()));
      await publisher.disconnect();
      await admin.disconnect();
    },
  };
}
