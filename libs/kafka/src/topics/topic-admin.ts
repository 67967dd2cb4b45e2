// The admin port used to provision topics explicitly (never auto-created).
import type { TopicSpec } from './topic-settings.ts';

export interface TopicAdmin {
  listTopics(): Promise<string[]>;
  createTopics(specs: readonly TopicSpec[]): Promise<void>;
  /** Current values of the named config keys of a topic. */
  describeConfigs(topic: string, keys: readonly string[]): Promise<Record<string, string>>;
  alterConfigs(topic: string, configs: Readonly<Record<string, string>>): Promise<void>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  /** Per partition, the offset the next produced record will get (the log end). */
  endOffsets(topic: string): Promise<Map<number, string>>;
  /** Per partition, the committed offset of a consumer group ("-1" when none). */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, string>>;
}

export interface ProvisionReport {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
}

/** Creates missing topics and brings the settings of existing ones to the specs. Idempotent. */
export async function provisionTopics(admin: TopicAdmin, specs: readonly TopicSpec[]): Promise<ProvisionReport> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.name));
  if (missing.length > 0) await admin.createTopics(missing);
  const report: ProvisionReport = { created: missing.map((s) => s.name), updated: [], unchanged: [] };
  for (const spec of specs.filter((s) => existing.has(s.name))) {
    const current = await admin.describeConfigs(spec.name, Object.keys(spec.configs));
    const differs = Object.entries(spec.configs).some(([k, v]) => current[k] !== v);
    if (differs) {
      await admin.alterConfigs(spec.name, spec.configs);
      report.updated.push(spec.name);
    } else {
      report.unchanged.push(spec.name);
    }
  }
  return report;
}
