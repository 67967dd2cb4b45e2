// At least once across crashes: a consumer killed with SIGKILL in the middle of a batch skips no
// record after restart; one stopped with SIGTERM finishes its batch and commits (no redelivery).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { toTopicSubject } from '@driftline/kafka';
import { TopicRole, predictionLogSchema } from '@driftline/schemas';
import { createTestKafka, createTestSerde, createTestTopics, uniqueName } from '../../support/kafka-factories.ts';
import { repoRoot, stackEnv } from '../../support/stack-env.ts';
import { waitFor } from '../../support/wait-for.ts';
import { buildPredictionLog } from '../../fixtures/prediction-logs.ts';

const RECORDS = 3000;

describe('consumer crash and restart', () => {
  it('skips no record when killed with SIGKILL mid-batch, and redelivers nothing after a SIGTERM stop', async () => {
    // Arrange
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 3 });
    const topic = topics.name(TopicRole.PREDICTIONS);
    const encode = await serde.encoderFor(toTopicSubject(topic), predictionLogSchema);
    const records = Array.from({ length: RECORDS }, (_, i) => buildPredictionLog(i));
    await clients.publisher.publish(records.map((r) => ({ topic, key: r.requestId, value: encode(r) })));
    const ends = await clients.admin.endOffsets(topic);
    const outFile = join(tmpdir(), `${uniqueName('crash')}.log`);
    const env = { ...process.env, ...stackEnv().vars, TOPIC: topic, GROUP: uniqueName('group'), OUT_FILE: outFile, DEAD_LETTER_TOPIC: topics.name(TopicRole.DEAD_LETTERS) };
    const lines = (): string[] => (existsSync(outFile) ? readFileSync(outFile, 'utf8').trim().split('\n').filter((l) => l !== '') : []);

    // Act 1: crash in the middle of the run
    const first = startConsumer(env);
    await waitFor(() => lines().length >= 600 || undefined, { what: 'the first 600 records handled', timeoutMs: 90_000 });
    first.kill('SIGKILL');
    await exited(first);
    const beforeRestart = lines().length;

    // Act 2: restart and let it finish, then stop it gracefully
    const second = startConsumer(env);
    await waitFor(() => new Set(lines()).size >= RECORDS || undefined, { what: 'every record handled after restart', timeoutMs: 120_000 });
    second.kill('SIGTERM');
    const code = await exited(second);

    const committed = await clients.admin.committedOffsets(env.GROUP, topic);

    // Assert
    const handled = lines();
    for (const [partition, end] of ends) {
      for (let offset = 0; offset < Number(end); offset++) expect(handled).toContain(`${partition}:${offset}`);
    }
    expect(beforeRestart).toBeLessThan(RECORDS);
    expect(new Set(handled).size).toBe(RECORDS);
    expect(code).toBe(0);
    expect(committed).toEqual(ends); // a graceful stop committed everything: a restart redelivers nothing
  });
});

function startConsumer(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'test/support/crash-consumer.ts')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d: Buffer) => { process.stderr.write(d); });
  onTestFinished(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => { resolve(code); }));
}
