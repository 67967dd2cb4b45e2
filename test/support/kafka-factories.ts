// Factories for integration tests: unique names, real clients, teardown registered with the test.
import { randomUUID } from 'node:crypto';
import { onTestFinished } from 'vitest';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients, toTopicSpecs, DAY_MS } from '@driftline/kafka';
import type { AvroSerde, KafkaClients, TopicSpec } from '@driftline/kafka';
import { TopicRole } from '@driftline/schemas';
import { stackEnv } from './stack-env.ts';

export function uniqueName(prefix = 'it'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Real Kafka clients, disconnected when the test finishes. */
export function createTestKafka(clientId = uniqueName('client')): KafkaClients {
  const clients = createKafkaClients({ brokers: stackEnv().kafkaBrokers, clientId });
  onTestFinished(() => clients.disconnect());
  return clients;
}

export function createTestSerde(): AvroSerde {
  return createAvroSerde({ registry: new HttpSchemaRegistry({ url: stackEnv().registryUrl }) });
}

/** Every Driftline topic under a unique prefix, created with production settings; deleted after the test. */
export async function createTestTopics(clients: KafkaClients, options: { partitions?: number; erasureDeadlineMs?: number } = {}): Promise<{ prefix: string; specs: TopicSpec[]; name: (role: TopicRole) => string }> {
  const prefix = `${uniqueName()}-`;
  const names = Object.fromEntries(Object.values(TopicRole).map((r) => [r, `${prefix}${r}`]));
  const specs = toTopicSpecs({ erasureDeadlineMs: options.erasureDeadlineMs ?? 30 * DAY_MS, retentionMs: 7 * DAY_MS, partitions: options.partitions ?? 3, replicationFactor: 1, names });
  await clients.admin.createTopics(specs);
  onTestFinished(() => clients.admin.deleteTopics(specs.map((s) => s.name)));
  return { prefix, specs, name: (role) => `${prefix}${role}` };
}
