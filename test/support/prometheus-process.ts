// A real Prometheus (Debian's `prometheus` package) for system tests: finds or installs the binaries,
// starts one in its own temp dir on a free port, and reads its HTTP API.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { freePort } from './private-redis.ts';
import { waitFor } from './wait-for.ts';

function onPath(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure `prometheus` and `promtool` are on the PATH, installing Debian's `prometheus` package
 * when they are not (as root, or through passwordless sudo). Returns why not when that fails.
 */
export function ensurePrometheus(): { ok: true } | { ok: false; reason: string } {
  if (onPath('prometheus') && onPath('promtool')) return { ok: true };
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args: readonly string[]): { status: number | null; output: string } => {
    const command = [...sudo, ...args];
    const result = spawnSync(command[0] ?? 'apt-get', command.slice(1), { stdio: 'pipe', timeout: 300_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    // With a spawn error (no sudo, no apt-get) there is no output to read.
    return { status: result.status, output: (result.error === undefined ? result.stderr.toString() : result.error.message).trim() };
  };
  const install = ['apt-get', 'install', '-y', '-qq', 'prometheus'];
  // A fresh machine may have no package lists yet: update once and try again.
  let result = run(install);
  if (result.status !== 0 && run(['apt-get', 'update', '-qq']).status === 0) result = run(install);
  if (onPath('prometheus') && onPath('promtool')) return { ok: true };
  const tail = result.output.split('\n').slice(-3).join(' | ');
  return { ok: false, reason: `prometheus/promtool are not installed and \`${[...sudo, ...install].join(' ')}\` failed (${tail || `exit ${String(result.status)}`})` };
}

/** Runs promtool; returns its exit status and output. */
export function promtool(args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { stdio: 'pipe', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout.toString()}${result.stderr.toString()}` };
}

export interface PrometheusProcess {
  readonly url: string;
  /** GET /api/v1/<path>; throws unless the API answers `status: success`. */
  api<T>(path: string): Promise<T>;
}

/** Starts Prometheus with `config` (written as JSON, which YAML accepts); stopped and removed after the test. */
export async function startPrometheus(config: unknown): Promise<PrometheusProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'dl-prometheus-'));
  const configFile = join(dir, 'prometheus.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const port = await freePort();
  const child = spawn('prometheus', [
    `--config.file=${configFile}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d: Buffer) => { log = (log + d.toString()).slice(-4000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${log}`);
    return (await fetch(`${url}/-/ready`)).ok || undefined;
  }, { what: `prometheus ready on ${url}`, timeoutMs: 30_000, intervalMs: 200 });
  return {
    url,
    async api<T>(path: string): Promise<T> {
      const body = await (await fetch(`${url}/api/v1/${path}`)).json() as { status: string; data: T; error?: string };
      if (body.status !== 'success') throw new Error(`prometheus /api/v1/${path}: ${body.error ?? body.status}`);
      return body.data;
    },
  };
}
