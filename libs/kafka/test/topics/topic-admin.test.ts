import { describe, expect, it } from 'vitest';
import { DAY_MS, InMemoryBroker, provisionTopics, toTopicSpecs } from '@driftline/kafka';
import type { TopicAdmin, TopicSpec } from '@driftline/kafka';
import { TopicRole } from '@driftline/schemas';

const specs = (deadlineDays: number): TopicSpec[] =>
  toTopicSpecs({ erasureDeadlineMs: deadlineDays * DAY_MS, retentionMs: 7 * DAY_MS, partitions: 3, replicationFactor: 1 });

/** Wraps an admin and records which mutating calls it received. */
function spyAdmin(admin: TopicAdmin): { admin: TopicAdmin; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    admin: {
      ...admin,
      createTopics: (s) => { calls.push(`create ${s.map((x) => x.name).join(',')}`); return admin.createTopics(s); },
      alterConfigs: (t, c) => { calls.push(`alter ${t}`); return admin.alterConfigs(t, c); },
    },
  };
}

describe('provisionTopics', () => {
  it('creates every missing topic with its partitions and configs', async () => {
    const broker = new InMemoryBroker();
    const admin = broker.admin();
    const wanted = specs(30);

    const report = await provisionTopics(admin, wanted);

    expect(report).toEqual({ created: wanted.map((s) => s.name), updated: [], unchanged: [] });
    const predictions = wanted.find((s) => s.role === TopicRole.PREDICTIONS)!;
    expect(await admin.describeConfigs(predictions.name, Object.keys(predictions.configs))).toEqual(predictions.configs);
    expect((await admin.endOffsets(predictions.name)).size).toBe(3);
  });

  it('changes nothing on a second run with the same specs', async () => {
    const broker = new InMemoryBroker();
    await provisionTopics(broker.admin(), specs(30));
    const { admin, calls } = spyAdmin(broker.admin());

    const report = await provisionTopics(admin, specs(30));

    expect(report.created).toEqual([]);
    expect(report.updated).toEqual([]);
    expect(report.unchanged).toHaveLength(specs(30).length);
    expect(calls).toEqual([]);
  });

  it('brings the settings of existing topics to the specs when they differ', async () => {
    const broker = new InMemoryBroker();
    await provisionTopics(broker.admin(), specs(30));
    const wanted = specs(14);

    const report = await provisionTopics(broker.admin(), wanted);

    const compacted = wanted.filter((s) => 'segment.ms' in s.configs).map((s) => s.name);
    expect(report.updated.sort()).toEqual([...compacted].sort());
    for (const spec of wanted) {
      expect(await broker.admin().describeConfigs(spec.name, Object.keys(spec.configs))).toEqual(spec.configs);
    }
  });

  it('creates only the missing topics when some exist', async () => {
    const broker = new InMemoryBroker();
    const wanted = specs(30);
    const [first, ...rest] = wanted;
    await provisionTopics(broker.admin(), [first!]);
    const { admin, calls } = spyAdmin(broker.admin());

    const report = await provisionTopics(admin, wanted);

    expect(report.created).toEqual(rest.map((s) => s.name));
    expect(report.unchanged).toEqual([first!.name]);
    expect(calls).toEqual([`create ${rest.map((s) => s.name).join(',')}`]);
  });
});
