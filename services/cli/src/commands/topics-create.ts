// `driftline topics create`: creates every Driftline topic with the settings of design.md §2
// (derived from the erasure deadline) and registers each value schema (TopicNameStrategy).
import type { TopicAdmin, AvroSerde, TopicSpec } from '@driftline/kafka';
import { DAY_MS, provisionTopics, toTopicSpecs, toTopicSubject } from '@driftline/kafka';
import { TopicRole, topicContract } from '@driftline/schemas';

export interface TopicsCreateOptions {
  readonly prefix: string;
  readonly erasureDeadlineDays: number;
  readonly retentionDays: number;
  readonly partitions: number;
  readonly replicationFactor: number;
}

export async function runTopicsCreate(deps: { admin: TopicAdmin; serde: AvroSerde; stdout: NodeJS.WritableStream }, options: TopicsCreateOptions): Promise<number> {
  const names = Object.fromEntries(Object.values(TopicRole).map((role) => [role, `${options.prefix}${role}`]));
  const specs = toTopicSpecs({
    erasureDeadlineMs: options.erasureDeadlineDays * DAY_MS, retentionMs: options.retentionDays * DAY_MS,
    partitions: options.partitions, replicationFactor: options.replicationFactor, names,
  });
  const report = await provisionTopics(deps.admin, specs);
  for (const spec of specs) await registerValueSchema(deps.serde, spec);
  for (const spec of specs) {
    const state = report.created.includes(spec.name) ? 'created' : report.updated.includes(spec.name) ? 'updated' : 'unchanged';
    deps.stdout.write(`${spec.name.padEnd(32)} ${state.padEnd(9)} partitions=${spec.partitions} ${Object.entries(spec.configs).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
  }
  return 0;
}

async function registerValueSchema(serde: AvroSerde, spec: TopicSpec): Promise<void> {
  await serde.encoderFor(toTopicSubject(spec.name), topicContract(spec.role).schema);
}
