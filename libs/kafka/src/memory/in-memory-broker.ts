// Fake: an in-process log with partitions, consumer groups and committed offsets. It implements
// the same ports as the kafkajs adapters and passes the same contract suite.
import type { BatchControl, InboundMessage, MessagePublisher, MessageSource, OutboundMessage, SourceRunOptions } from '../consume/messages.ts';
import type { TopicAdmin } from '../topics/topic-admin.ts';
import type { TopicSpec } from '../topics/topic-settings.ts';

interface FakeTopic { partitions: InboundMessage[][]; configs: Record<string, string> }

export class InMemoryBroker {
  readonly #topics = new Map<string, FakeTopic>();
  /** group → "topic:partition" → next offset to read. */
  readonly #committed = new Map<string, Map<string, number>>();
  #wakeups: (() => void)[] = [];
  #clock = 0;

  createTopic(name: string, partitions = 1, configs: Record<string, string> = {}): void {
    if (!this.#topics.has(name)) this.#topics.set(name, { partitions: Array.from({ length: partitions }, () => []), configs: { ...configs } });
  }

  /** All messages of a topic, partition by partition (for tests). */
  messages(topic: string): InboundMessage[] {
    return (this.#topics.get(topic)?.partitions ?? []).flat();
  }

  publisher(): MessagePublisher {
    return {
      publish: (messages: readonly OutboundMessage[]): Promise<void> => {
        try {
          for (const m of messages) this.#check(m);
          for (const m of messages) this.#append(m);
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        const wake = this.#wakeups;
        this.#wakeups = [];
        for (const w of wake) w();
        return Promise.resolve();
      },
    };
  }

  source(groupId: string, options: { maxBatch?: number } = {}): MessageSource {
    return new InMemorySource(this, groupId, options.maxBatch ?? 500);
  }

  admin(): TopicAdmin {
    return {
      listTopics: () => Promise.resolve([...this.#topics.keys()]),
      createTopics: (specs: readonly TopicSpec[]) => {
        for (const s of specs) this.createTopic(s.name, s.partitions, { ...s.configs });
        return Promise.resolve();
      },
      describeConfigs: (topic: string, keys: readonly string[]) => {
        const configs = this.#topics.get(topic)?.configs ?? {};
        return Promise.resolve(Object.fromEntries(keys.filter((k) => k in configs).map((k) => [k, configs[k] ?? ''])));
      },
      alterConfigs: (topic: string, configs: Readonly<Record<string, string>>) => {
        const t = this.#topics.get(topic);
        if (t !== undefined) t.configs = { ...configs };
        return Promise.resolve();
      },
      endOffsets: (topic: string) => Promise.resolve(new Map((this.#topics.get(topic)?.partitions ?? []).map((log, p) => [p, String(log.length)]))),
      committedOffsets: (groupId: string, topic: string) => {
        const offsets = this.#offsets(groupId);
        return Promise.resolve(new Map((this.#topics.get(topic)?.partitions ?? []).map((_, p) => [p, String(offsets.get(`${topic}:${p}`) ?? -1)])));
      },
      deleteTopics: (topics: readonly string[]) => {
        for (const t of topics) this.#topics.delete(t);
        return Promise.resolve();
      },
    };
  }

  /** @internal used by InMemorySource */
  read(groupId: string, topics: readonly string[], fromBeginning: boolean, max: number): { topic: string; partition: number; messages: InboundMessage[]; highWatermark: number } | undefined {
    const offsets = this.#offsets(groupId);
    for (const topic of topics) {
      const t = this.#topics.get(topic);
      if (t === undefined) continue;
      for (let p = 0; p < t.partitions.length; p++) {
        const log = t.partitions[p] ?? [];
        const key = `${topic}:${p}`;
        if (!offsets.has(key)) offsets.set(key, fromBeginning ? 0 : log.length);
        const next = offsets.get(key) ?? 0;
        if (next < log.length) return { topic, partition: p, messages: log.slice(next, next + max), highWatermark: log.length };
      }
    }
    return undefined;
  }

  /** @internal */
  commit(groupId: string, topic: string, partition: number, nextOffset: number): void {
    this.#offsets(groupId).set(`${topic}:${partition}`, nextOffset);
  }

  /** @internal resolves on the next publish */
  waitForData(): Promise<void> {
    return new Promise((resolve) => this.#wakeups.push(resolve));
  }

  #offsets(groupId: string): Map<string, number> {
    let offsets = this.#committed.get(groupId);
    if (offsets === undefined) { offsets = new Map(); this.#committed.set(groupId, offsets); }
    return offsets;
  }

  /** Throws when the message cannot be appended, so a publish is all or nothing. */
  #check(m: OutboundMessage): void {
    const topic = this.#topics.get(m.topic);
    if (topic === undefined) throw new Error(`fake broker: topic ${m.topic} does not exist (topics are never auto-created)`);
    if (m.partition !== undefined && topic.partitions[m.partition] === undefined) throw new Error(`fake broker: ${m.topic} has no partition ${m.partition}`);
  }

  #append(m: OutboundMessage): void {
    const topic = this.#topics.get(m.topic);
    if (topic === undefined) return; // checked before
    const key = m.key === null ? null : Buffer.from(m.key);
    const partition = m.partition ?? (key === null ? 0 : hash(key) % topic.partitions.length);
    const log = topic.partitions[partition];
    if (log === undefined) throw new Error(`fake broker: ${m.topic} has no partition ${partition}`);
    log.push({ topic: m.topic, partition, offset: String(log.length), key, value: m.value, headers: { ...m.headers }, timestamp: ++this.#clock });
  }
}

class InMemorySource implements MessageSource {
  readonly #broker: InMemoryBroker;
  readonly #groupId: string;
  readonly #maxBatch: number;
  #running = false;
  #loop: Promise<void> = Promise.resolve();

  constructor(broker: InMemoryBroker, groupId: string, maxBatch: number) {
    this.#broker = broker;
    this.#groupId = groupId;
    this.#maxBatch = maxBatch;
  }

  run(options: SourceRunOptions): Promise<void> {
    this.#running = true;
    this.#loop = this.#pump(options);
    this.#loop.catch(() => undefined);
    return Promise.resolve();
  }

  async #pump(options: SourceRunOptions): Promise<void> {
    while (this.#running) {
      const batch = this.#broker.read(this.#groupId, options.topics, options.fromBeginning, this.#maxBatch);
      if (batch === undefined) {
        await Promise.race([this.#broker.waitForData(), new Promise((r) => setTimeout(r, 20))]);
        continue;
      }
      let resolved = -1;
      let seekTo: number | undefined;
      const control: BatchControl = {
        resolveOffset: (offset) => { resolved = Math.max(resolved, Number(offset)); },
        heartbeat: () => Promise.resolve(),
        isActive: () => this.#running && seekTo === undefined,
        seek: (offset) => { seekTo = Number(offset); },
      };
      await options.onBatch({ topic: batch.topic, partition: batch.partition, messages: batch.messages, highWatermark: String(batch.highWatermark) }, control);
      if (seekTo !== undefined) this.#broker.commit(this.#groupId, batch.topic, batch.partition, seekTo);
      else if (resolved >= 0) this.#broker.commit(this.#groupId, batch.topic, batch.partition, resolved + 1);
      else await new Promise((r) => setTimeout(r, 5)); // nothing resolved: redeliver later
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop.catch(() => undefined);
  }

  done(): Promise<void> {
    return this.#loop;
  }
}

/** Kafka's default partitioner hash (murmur2, positive), so fake and real agree on key placement. */
function hash(key: Buffer): number {
  const m = 0x5bd1e995;
  const seed = 0x9747b28c;
  let h = (seed ^ key.length) | 0;
  let i = 0;
  const len4 = key.length & ~3;
  for (; i < len4; i += 4) {
    let k = key.readInt32LE(i);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const rest = key.length & 3;
  if (rest === 3) h ^= key.readUInt8(i + 2) << 16;
  if (rest >= 2) h ^= key.readUInt8(i + 1) << 8;
  if (rest >= 1) { h ^= key.readUInt8(i); h = Math.imul(h, m); }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h & 0x7fffffff;
}
