// `driftline monitor validate <spec>`: every problem at once with its path.
// `driftline monitor apply <spec> [--profile profile.json]`: publishes the spec (and its reference
// profile) to the compacted monitors topic, keyed by model id.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { AvroSerde, MessagePublisher } from '@driftline/kafka';
import { toTopicSubject } from '@driftline/kafka';
import { monitorSpecSchema, parseMonitorSpec } from '@driftline/schemas';
import type { MonitorSpec, MonitorSpecDocument } from '@driftline/schemas';

export const MONITOR_SPEC_VERSION = 1;

/** Reads a YAML or JSON spec file and validates it; prints problems to `stderr`. */
export function loadMonitorSpecFile(file: string, stderr: NodeJS.WritableStream): MonitorSpecDocument | undefined {
  let input: unknown;
  try {
    input = parseYaml(readFileSync(file, 'utf8')); // YAML is a superset of JSON
  } catch (error) {
    stderr.write(`${file}: cannot read the spec: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
  const result = parseMonitorSpec(input);
  if (!result.ok) {
    for (const p of result.problems) stderr.write(`${file}: ${p.path}: ${p.message}\n`);
    stderr.write(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${file}\n`);
    return undefined;
  }
  return result.spec;
}

export function runMonitorValidate(deps: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, file: string): number {
  const spec = loadMonitorSpecFile(file, deps.stderr);
  if (spec === undefined) return 1;
  deps.stdout.write(`${file}: valid monitor spec for model ${spec.modelId} (${spec.features.length} features, ${spec.slices.keys.length} slice keys)\n`);
  return 0;
}

export async function runMonitorApply(
  deps: { publisher: MessagePublisher; serde: AvroSerde; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; now: () => number },
  options: { file: string; profileFile?: string; topic: string },
): Promise<number> {
  const spec = loadMonitorSpecFile(options.file, deps.stderr);
  if (spec === undefined) return 1;
  const profileJson = options.profileFile === undefined ? null : readFileSync(options.profileFile, 'utf8');
  const record: MonitorSpec = {
    modelId: spec.modelId,
    specVersion: MONITOR_SPEC_VERSION,
    specJson: JSON.stringify(spec),
    profileId: profileJson === null ? null : createHash('sha256').update(profileJson).digest('hex').slice(0, 16),
    profileJson,
    publishedAt: deps.now(),
  };
  const value = await deps.serde.encode(toTopicSubject(options.topic), monitorSpecSchema, record);
  await deps.publisher.publish([{ topic: options.topic, key: spec.modelId, value }]);
  deps.stdout.write(`published monitor spec for ${spec.modelId} to ${options.topic}${record.profileId === null ? ' (no reference profile)' : ` with reference profile ${record.profileId}`}\n`);
  return 0;
}
