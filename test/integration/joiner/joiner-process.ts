// Helpers for the joiner's integration tests: start services/joiner/src/main.ts as a child process
// against the stack, and read a whole topic back.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { onTestFinished } from 'vitest';
import type { InboundMessage, KafkaClients } from '@driftline/kafka';
import { RedisStateStore } from '@driftline/redis-state';
import { uniqueName } from '../../support/kafka-factories.ts';
import { repoRoot, stackEnv } from '../../support/stack-env.ts';
import { waitFor } from '../../support/wait-for.ts';

/** Env for a joiner on the test topics, with its own group and Redis key prefix (deleted after the test). */
export function joinerEnv(options: { topicPrefix: string; window: string; grace: string; ttl?: string }): Record<string, string> {
  const keyPrefix = deleteRedisKeysAfterTest(`${uniqueName()}:join:`);
  const subjectKeyPrefix = deleteRedisKeysAfterTest(`${uniqueName()}:keys:`);
  return {
    ...stackEnv().vars,
    DRIFTLINE_TOPIC_PREFIX: options.topicPrefix, DRIFTLINE_SERVICE_GROUP: uniqueName('joiner'), JOINER_KEY_PREFIX: keyPrefix,
    DRIFTLINE_PSEUDONYM_PEPPER: 'a-joiner-test-pepper-of-32-bytes-or-more', DRIFTLINE_SUBJECT_KEY_PREFIX: subjectKeyPrefix,
    JOIN_WINDOW: options.window, JOIN_GRACE: options.grace, PENDING_TTL: options.ttl ?? '1d',
    KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', LOG_LEVEL: 'warn',
  };
}

/** Deletes every Redis key under `keyPrefix` when the test finishes; returns the prefix. */
export function deleteRedisKeysAfterTest(keyPrefix: string): string {
  onTestFinished(async () => {
    const redis = new RedisStateStore({ url: stackEnv().redisUrl });
    await redis.deleteByPrefix(keyPrefix);
    await redis.close();
  });
  return keyPrefix;
}

/** Starts the joiner; killed with SIGKILL at the end of the test if still running. */
export function startJoiner(env: Readonly<Record<string, string>>): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services/joiner/src/main.ts')], {
    env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d: Buffer) => { process.stderr.write(d); });
  onTestFinished(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => { resolve(code); }));
}

/** Records in a topic now (sum of the partitions' end offsets). */
export async function countRecords(clients: KafkaClients, topic: string): Promise<number> {
  return [...(await clients.admin.endOffsets(topic)).values()].reduce((n, end) => n + Number(end), 0);
}

/** Every message of a topic, read from the beginning with a throwaway group. */
export async function readTopic(clients: KafkaClients, topic: string): Promise<InboundMessage[]> {
  const total = await countRecords(clients, topic);
  const messages: InboundMessage[] = [];
  const source = clients.source({ groupId: uniqueName('reader') });
  await source.run({
    topics: [topic], fromBeginning: true,
    onBatch: (batch, control) => {
      messages.push(...batch.messages);
      const last = batch.messages.at(-1);
      if (last !== undefined) control.resolveOffset(last.offset);
      return Promise.resolve();
    },
  });
  try {
    await waitFor(() => messages.length >= total || undefined, { what: `all ${total} records of ${topic}`, timeoutMs: 60_000 });
  } finally {
    await source.stop();
  }
  return messages;
}

/**
 * Watches Redis (redis-cli MONITOR) for the joiner claiming a resolution under `keyPrefix`, so a test
 * can kill it inside the window between a claim and its publication. Stopped when the test ends.
 */
export function watchClaims(keyPrefix: string): { next(): Promise<void> } {
  const monitor = spawn('redis-cli', ['-u', stackEnv().redisUrl, 'monitor'], { stdio: ['ignore', 'pipe', 'inherit'] });
  onTestFinished(() => { monitor.kill('SIGKILL'); });
  let waiter: (() => void) | undefined;
  createInterface({ input: monitor.stdout }).on('line', (line) => {
    // A claim's resolution argument is the only value written with "done":false.
    if (waiter !== undefined && line.includes(keyPrefix) && line.includes('\\"done\\":false')) { waiter(); waiter = undefined; }
  });
  return { next: () => new Promise<void>((resolve) => { waiter = resolve; }) };
}
