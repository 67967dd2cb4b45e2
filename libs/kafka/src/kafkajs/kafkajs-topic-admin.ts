// Adapter: TopicAdmin over the kafkajs admin client.
import kafkajs from 'kafkajs';
import type { Admin, Kafka } from 'kafkajs';
import type { TopicAdmin } from '../topics/topic-admin.ts';
import type { TopicSpec } from '../topics/topic-settings.ts';

export class KafkajsTopicAdmin implements TopicAdmin {
  readonly #admin: Admin;
  #connected: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    this.#admin = kafka.admin();
  }

  async #ready(): Promise<Admin> {
    this.#connected ??= this.#admin.connect();
    await this.#connected;
    return this.#admin;
  }

  async listTopics(): Promise<string[]> {
    return (await this.#ready()).listTopics();
  }

  async createTopics(specs: readonly TopicSpec[]): Promise<void> {
    await (await this.#ready()).createTopics({
      waitForLeaders: true,
      topics: specs.map((s) => ({
        topic: s.name, numPartitions: s.partitions, replicationFactor: s.replicationFactor,
        configEntries: Object.entries(s.configs).map(([name, value]) => ({ name, value })),
      })),
    });
  }

  async describeConfigs(topic: string, keys: readonly string[]): Promise<Record<string, string>> {
    const res = await (await this.#ready()).describeConfigs({ includeSynonyms: false, resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic, configNames: [...keys] }] });
    const out: Record<string, string> = {};
    for (const entry of res.resources[0]?.configEntries ?? []) out[entry.configName] = entry.configValue;
    return out;
  }

  async alterConfigs(topic: string, configs: Readonly<Record<string, string>>): Promise<void> {
    // AlterConfigs replaces the whole set of dynamic configs of the topic: send them all.
    await (await this.#ready()).alterConfigs({ validateOnly: false, resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }] });
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    await (await this.#ready()).deleteTopics({ topics: [...topics] });
  }

  async endOffsets(topic: string): Promise<Map<number, string>> {
    const offsets = await (await this.#ready()).fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, o.high]));
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    const res = await (await this.#ready()).fetchOffsets({ groupId, topics: [topic] });
    return new Map((res[0]?.partitions ?? []).map((p) => [p.partition, p.offset]));
  }

  async disconnect(): Promise<void> {
    if (this.#connected !== undefined) await this.#admin.disconnect();
  }
}
