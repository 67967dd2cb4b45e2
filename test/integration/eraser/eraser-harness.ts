// Helpers for the eraser's system tests: the driftline CLI as a child process, whole-topic scans,
// and the comparison of aggregator windows with a recount (min and max left out: not subtractable).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { readRecords } from '@driftline/kafka';
import type { InboundMessage, KafkaClients } from '@driftline/kafka';
import type { HashFields } from '@driftline/redis-state';
import { repoRoot, stackEnv } from '../../support/stack-env.ts';

export const PEPPER = 'an-erasure-test-pepper-of-at-least-32-bytes';

export interface CliResult { readonly code: number; readonly stdout: string; readonly stderr: string }

/** Runs `driftline <args>` with the stack's addresses and `env`. */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services/cli/src/main.ts'), ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...stackEnv().vars, ...env }, maxBuffer: 256 * 1024 * 1024, timeout: 180_000,
    }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every message of the topics now, tombstones included. */
export async function scanTopics(clients: KafkaClients, topics: readonly string[]): Promise<InboundMessage[]> {
  const messages: InboundMessage[] = [];
  await readRecords({ admin: clients.admin, source: (groupId) => clients.source({ groupId, maxWaitTimeInMs: 100, maxBytesPerPartition: 8 * 1_048_576 }) }, {
    groupId: `scan-${randomUUID()}`, topics: new Map(topics.map((t) => [t, 'all' as const])), idleMs: 2000,
    onMessage: (m) => { messages.push(m); },
  });
  return messages;
}

/** The last message of each key, per topic and partition (what compaction keeps). */
export function latestByKey(messages: readonly InboundMessage[]): Map<string, InboundMessage> {
  const out = new Map<string, InboundMessage>();
  for (const m of messages) {
    const id = `${m.topic}\u0000${m.partition}\u0000${m.key?.toString() ?? ''}`;
    const known = out.get(id);
    if (known === undefined || BigInt(m.offset) > BigInt(known.offset)) out.set(id, m);
  }
  return out;
}

/**
 * Differences between two sets of window hashes, after dropping what a subtraction cannot match:
 * min and max fields, zero counts, and the zeros at either end of a vector; floats to 1e-6.
 */
export function compareWindows(expected: Map<string, HashFields>, actual: Map<string, HashFields>): string[] {
  const problems: string[] = [];
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= Math.max(1e-6, 1e-9 * Math.abs(a));
  const numbers = (f: HashFields | undefined): Map<string, number> => new Map(Object.entries(f?.numbers ?? {}).filter(([k, v]) => !/\|(lo|hi)$/.test(k) && Math.abs(v) > 1e-6));
  const vectors = (f: HashFields | undefined): Map<string, { offset: number; values: number[] }> => {
    const out = new Map<string, { offset: number; values: number[] }>();
    for (const [field, v] of Object.entries(f?.vectors ?? {})) {
      const values = [...v.values];
      let start = 0;
      while (start < values.length && Math.abs(values[start] ?? 0) <= 1e-6) start++;
      let end = values.length;
      while (end > start && Math.abs(values[end - 1] ?? 0) <= 1e-6) end--;
      if (end > start) out.set(field, { offset: v.offset + start, values: values.slice(start, end) });
    }
    return out;
  };
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const [wn, hn] = [numbers(expected.get(key)), numbers(actual.get(key))];
    for (const field of new Set([...wn.keys(), ...hn.keys()])) if (!close(wn.get(field) ?? 0, hn.get(field) ?? 0)) problems.push(`${key} ${field}: expected ${wn.get(field) ?? 0}, Redis has ${hn.get(field) ?? 0}`);
    const [wv, hv] = [vectors(expected.get(key)), vectors(actual.get(key))];
    for (const field of new Set([...wv.keys(), ...hv.keys()])) {
      const [w, h] = [wv.get(field), hv.get(field)];
      const same = w !== undefined && h !== undefined && w.offset === h.offset && w.values.length === h.values.length && w.values.every((x, i) => close(x, h.values[i] ?? Number.NaN));
      if (!same) problems.push(`${key} ${field}: expected ${JSON.stringify(w)}, Redis has ${JSON.stringify(h)}`);
    }
  }
  return problems;
}
