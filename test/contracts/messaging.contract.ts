// The messaging-port contract (style rule 25): TopicAdmin, MessagePublisher and MessageSource
// behave alike on the InMemoryBroker and on Kafka (kafkajs adapters, from the integration project).
// Every case makes its own topic `${topicPrefix}${randomUUID()}` and group ids, and cleans up.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { InboundMessage, MessagePublisher, MessageSource, OutboundMessage, TopicAdmin } from '@driftline/kafka';
import { TopicRole } from '@driftline/schemas';

export interface MessagingContractSubject {
  readonly publisher: MessagePublisher;
  readonly admin: TopicAdmin;
  readonly source: (groupId: string) => MessageSource;
  readonly topicPrefix: string;
  readonly cleanup?: () => Promise<void>;
}

const WAIT_MS = 60_000;

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function describeMessagingContract(name: string, create: () => Promise<MessagingContractSubject>): void {
  describe(`messaging contract: ${name}`, () => {
    async function setup(partitions: number): Promise<{
      topic: string;
      publish: (messages: Omit<OutboundMessage, 'topic'>[]) => Promise<void>;
      admin: TopicAdmin;
      consume: (options: { groupId: string; until: (received: InboundMessage[]) => boolean; resolve?: (m: InboundMessage) => boolean }) => Promise<InboundMessage[]>;
    }> {
      const subject = await create();
      const topic = `${subject.topicPrefix}${randomUUID()}`;
      const running: MessageSource[] = [];
      onTestFinished(async () => {
        for (const source of running.splice(0)) await source.stop();
        await subject.admin.deleteTopics([topic]);
        await subject.cleanup?.();
      });
      await subject.admin.createTopics([{ role: TopicRole.PREDICTIONS, name: topic, partitions, replicationFactor: 1, configs: {} }]);

      /** Runs a source of `groupId` from the beginning, resolving what `resolve` accepts, until `until` holds; then stops it. */
      const consume = async (options: { groupId: string; until: (received: InboundMessage[]) => boolean; resolve?: (m: InboundMessage) => boolean }): Promise<InboundMessage[]> => {
        const received: InboundMessage[] = [];
        const source = subject.source(options.groupId);
        running.push(source);
        await source.run({
          topics: [topic],
          fromBeginning: true,
          onBatch: (batch, control) => {
            for (const message of batch.messages) {
              received.push(message);
              if (options.resolve?.(message) ?? true) control.resolveOffset(message.offset);
            }
            return Promise.resolve();
          },
        });
        await waitUntil(() => options.until(received), `messages on ${topic}`);
        running.splice(running.indexOf(source), 1);
        await source.stop();
        return received;
      };

      return { topic, admin: subject.admin, consume, publish: (messages) => subject.publisher.publish(messages.map((m) => ({ ...m, topic }))) };
    }

    const groupId = (): string => `contract-${randomUUID()}`;
    const byPartition = (messages: InboundMessage[]): Map<number, InboundMessage[]> => Map.groupBy(messages, (m) => m.partition);

    it('creates a topic with the requested partitions, each empty', async () => {
      const { topic, admin } = await setup(3);

      expect(await admin.listTopics()).toContain(topic);
      expect(await admin.endOffsets(topic)).toEqual(new Map([[0, '0'], [1, '0'], [2, '0']]));
    });

    it('delivers every keyed message from the beginning, in offset order per partition, a key always on one partition', async () => {
      const { topic, publish, consume } = await setup(3);
      const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
      const sent = [0, 1, 2].flatMap((round) => keys.map((key) => ({ key, value: Buffer.from(`${key}#${round}`), headers: { round: String(round) } })));
      await publish(sent);

      const received = await consume({ groupId: groupId(), until: (r) => r.length >= sent.length });

      expect(received).toHaveLength(sent.length);
      for (const [, messages] of byPartition(received)) {
        expect(messages.map((m) => Number(m.offset))).toEqual(messages.map((_, i) => i));
      }
      for (const key of keys) {
        const ofKey = received.filter((m) => m.key?.toString() === key);
        expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
        expect(ofKey.map((m) => m.value?.toString())).toEqual([`${key}#0`, `${key}#1`, `${key}#2`]);
        expect(ofKey.map((m) => m.headers['round'])).toEqual(['0', '1', '2']);
      }
      expect(received.every((m) => m.topic === topic)).toBe(true);
    });

    it('places messages on an explicit partition', async () => {
      const { publish, consume } = await setup(3);
      await publish([{ key: 'a', value: Buffer.from('1'), partition: 2 }, { key: 'a', value: Buffer.from('2'), partition: 1 }]);

      const received = await consume({ groupId: groupId(), until: (r) => r.length >= 2 });

      expect(received.map((m) => [m.value?.toString(), m.partition]).sort()).toEqual([['1', 2], ['2', 1]]);
    });

    it('delivers a tombstone with a null value and its key', async () => {
      const { publish, consume } = await setup(3);
      await publish([{ key: 'subject-1', value: Buffer.from('record') }, { key: 'subject-1', value: null }]);

      const received = await consume({ groupId: groupId(), until: (r) => r.length >= 2 });

      expect(received.map((m) => [m.key?.toString(), m.value?.toString() ?? null])).toEqual([['subject-1', 'record'], ['subject-1', null]]);
    });

    it('resumes a group at the first unresolved offset after a stop, without loss', async () => {
      const { publish, consume } = await setup(1);
      const total = 10;
      const resolvedUpTo = 6;
      await publish(Array.from({ length: total }, (_, i) => ({ key: `k${i}`, value: Buffer.from(String(i)), partition: 0 })));
      const group = groupId();

      const first = await consume({ groupId: group, resolve: (m) => Number(m.offset) < resolvedUpTo, until: (r) => r.some((m) => Number(m.offset) === resolvedUpTo - 1) });
      const second = await consume({ groupId: group, until: (r) => r.some((m) => Number(m.offset) === total - 1) });

      expect(first.length).toBeGreaterThanOrEqual(resolvedUpTo);
      const offsets = second.map((m) => Number(m.offset));
      expect(Math.min(...offsets)).toBe(resolvedUpTo);
      expect([...new Set(offsets)].sort((a, b) => a - b)).toEqual([6, 7, 8, 9]);
    });

    it('reports the log end of each partition', async () => {
      const { topic, publish, admin } = await setup(3);

      await publish([
        { key: 'a', value: Buffer.from('1'), partition: 0 },
        { key: 'b', value: Buffer.from('2'), partition: 0 },
        { key: 'c', value: Buffer.from('3'), partition: 2 },
        { key: 'd', value: Buffer.from('4'), partition: 2 },
        { key: 'e', value: Buffer.from('5'), partition: 2 },
      ]);

      expect(await admin.endOffsets(topic)).toEqual(new Map([[0, '2'], [1, '0'], [2, '3']]));
    });
  });
}
