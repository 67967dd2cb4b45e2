// Topics are provisioned explicitly with the settings derived from the erasure deadline.
import { describe, expect, it } from 'vitest';
import { DAY_MS, provisionTopics, toTopicSpecs } from '@driftline/kafka';
import { TopicRole } from '@driftline/schemas';
import { createTestKafka, uniqueName } from '../../support/kafka-factories.ts';
import { onTestFinished } from 'vitest';

describe('topic provisioning on real Kafka', () => {
  it('creates every topic with its class settings, then reports them unchanged, then repairs drifted settings', async () => {
    // Arrange
    const clients = createTestKafka();
    const prefix = `${uniqueName()}-`;
    const names = Object.fromEntries(Object.values(TopicRole).map((r) => [r, `${prefix}${r}`]));
    const specs = toTopicSpecs({ erasureDeadlineMs: 8 * DAY_MS, retentionMs: 7 * DAY_MS, partitions: 2, replicationFactor: 1, names });
    onTestFinished(() => clients.admin.deleteTopics(specs.map((s) => s.name)));

    // Act
    const first = await provisionTopics(clients.admin, specs);
    const second = await provisionTopics(clients.admin, specs);
    await clients.admin.alterConfigs(`${prefix}predictions`, { 'cleanup.policy': 'delete' });
    const third = await provisionTopics(clients.admin, specs);
    const predictions = await clients.admin.describeConfigs(`${prefix}predictions`, ['cleanup.policy', 'segment.ms', 'max.compaction.lag.ms']);
    const events = await clients.admin.describeConfigs(`${prefix}drift-events`, ['cleanup.policy']);

    // Assert
    expect(first.created).toHaveLength(specs.length);
    expect(second.unchanged).toHaveLength(specs.length);
    expect(third.updated).toEqual([`${prefix}predictions`]);
    expect(predictions).toEqual({ 'cleanup.policy': 'compact,delete', 'segment.ms': String(2 * DAY_MS), 'max.compaction.lag.ms': String(2 * DAY_MS) });
    expect(events['cleanup.policy']).toBe('delete');
    expect((await clients.admin.endOffsets(`${prefix}predictions`)).size).toBe(2);
  });
});
