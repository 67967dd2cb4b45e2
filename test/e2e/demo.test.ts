// The README's first command, shortened: `npm run demo -- --quick` end to end on the real stack
// (Kafka, registry, Redis, the five services as processes, the CLI): every scheduled incident is
// detected, and nothing of the run is left (processes, topics, Redis keys). And Ctrl-C: the
// simulator and every service stop, and the summary so far is printed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createTestKafka, uniqueName } from '../support/kafka-factories.ts';
import { repoRoot, stackEnv } from '../support/stack-env.ts';
import { waitFor } from '../support/wait-for.ts';

interface DemoRun {
  readonly code: number | null;
  readonly output: string;
  readonly summary: { allDetected: boolean; interrupted: boolean; runId: string; topicPrefix: string; servicePids: number[]; incidents: { id: string; detected: string | null; delayMs: number | null }[] };
}

function startDemo(args: readonly string[]): { run: Promise<DemoRun>; output: () => string; interrupt: () => void } {
  const json = join(tmpdir(), `${uniqueName('demo')}.json`);
  const child = spawn(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'test/demo/main.ts'), ...args, '--any-ports', '--json', json], {
    cwd: repoRoot, env: { ...process.env, ...stackEnv().vars }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const run = new Promise<DemoRun>((resolve) => {
    child.once('exit', (code) => { resolve({ code, output, summary: JSON.parse(readFileSync(json, 'utf8')) as DemoRun['summary'] }); });
  });
  return { run, output: () => output, interrupt: () => { child.kill('SIGINT'); } };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function leftovers(summary: DemoRun['summary']): Promise<{ topics: string[]; keys: string[] }> {
  const clients = createTestKafka();
  const redis = new Redis(stackEnv().redisUrl);
  try {
    const topics = (await clients.admin.listTopics()).filter((t) => t.startsWith(summary.topicPrefix));
    const keys = await redis.keys(`demo:${summary.runId}:*`);
    return { topics, keys };
  } finally {
    redis.disconnect();
  }
}

describe('npm run demo', () => {
  it('--quick: every injected incident is detected, and the run leaves nothing behind', async () => {
    const { run } = startDemo(['--quick']);
    const { code, output, summary } = await run;

    expect(code, output).toBe(0);
    expect(summary.allDetected).toBe(true);
    expect(summary.incidents.map((i) => i.id)).toEqual(['data-drift', 'producer-bug', 'concept-drift', 'fairness-gap', 'erasure']);
    for (const i of summary.incidents) {
      expect(i.detected, i.id).not.toBeNull();
      expect(i.delayMs, i.id).toBeGreaterThanOrEqual(0);
    }
    expect(summary.incidents.find((i) => i.id === 'data-drift')?.detected).toMatch(/^DATA_DRIFT region=south income /);
    expect(summary.incidents.find((i) => i.id === 'fairness-gap')?.detected).toMatch(/^FAIRNESS region=east /);
    expect(output).toContain('All 5 incidents detected.');
    expect(summary.servicePids).toHaveLength(5);
    expect(summary.servicePids.filter(isRunning)).toEqual([]);
    expect(await leftovers(summary)).toEqual({ topics: [], keys: [] });
  }, 360_000);

  it('Ctrl-C stops the simulator and every service, and prints the summary so far', async () => {
    const demo = startDemo(['--quick']);
    await waitFor(() => demo.output().includes('INCIDENT'), { what: 'the first incident', timeoutMs: 240_000, intervalMs: 200 });
    demo.interrupt();
    const { code, output, summary } = await demo.run;

    expect(code, output).toBe(130);
    expect(output).toContain('Summary so far (interrupted)');
    expect(summary.interrupted).toBe(true);
    expect(summary.incidents.find((i) => i.id === 'erasure')?.detected).toBeNull();
    expect(summary.servicePids).toHaveLength(5);
    expect(summary.servicePids.filter(isRunning)).toEqual([]);
    expect(await leftovers(summary)).toEqual({ topics: [], keys: [] });
  }, 360_000);
});
