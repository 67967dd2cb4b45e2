// Reference-profile throughput: `driftline baseline` (the CLI itself, in a child process) against
// Evidently's data-drift preset and whylogs on the same generated data set (1,000,000 rows, 20
// features, seeded), side by side in one run, with a table at the end.
//
//   npm run bench:profile [-- --rows 1000000] [-- --skip-python]
//
// Python: test/bench/.venv (git-ignored) is created on first use with evidently and whylogs from
// PyPI (numpy < 2 and pandas < 3: whylogs 1.6 uses np.unicode_, evidently 0.7.23 imports pandas
// internals removed in 3.0). Every step has a time limit, so the run ends by itself.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchSpecYaml, writeDataset } from './profile-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const venv = join(here, '.venv');
const python = join(venv, 'bin', 'python');
const timeBin = '/usr/bin/time';

interface Result {
  readonly tool: string;
  readonly input: string;
  readonly rows: number;
  readonly seconds?: number;
  /** CPU seconds (user + system, all threads): the per-core cost on a shared machine. */
  readonly cpuSeconds?: number;
  readonly rssMb?: number;
  readonly note?: string;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

/** Runs a command (under /usr/bin/time -v when present) with a time limit; stdout, wall time, peak RSS. */
async function measure(command: string, args: readonly string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; seconds: number; cpuSeconds?: number; rssMb?: number; timedOut: boolean }> {
  const timed = existsSync(timeBin);
  const child = spawn(timed ? timeBin : command, timed ? ['-v', command, ...args] : [...args], { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr = (stderr + c.toString()).slice(-20_000); });
  const started = performance.now();
  const limit = { hit: false };
  const timer = setTimeout(() => { limit.hit = true; child.kill('SIGKILL'); }, options.timeoutMs);
  const code = await new Promise<number | null>((resolve) => { child.on('close', resolve); });
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
  if (code !== 0 && !limit.hit) process.stderr.write(stderr.slice(-2000));
  return {
    code, stdout, seconds, timedOut: limit.hit,
    ...(rss === undefined ? {} : { rssMb: Number(rss) / 1024 }),
    ...(user === undefined || system === undefined ? {} : { cpuSeconds: Number(user) + Number(system) }),
  };
}

async function runDriftline(options: { spec: string; input: string; label: string; rows: number; dir: string }): Promise<Result> {
  process.stderr.write(`driftline baseline: ${options.label} ...\n`);
  const out = join(options.dir, `profile-${options.label.replace(/\W+/g, '-')}.json`);
  const main = join(root, 'services', 'cli', 'src', 'main.ts');
  const run = await measure(process.execPath, ['--conditions=source', main, 'baseline', '--spec', options.spec, '--input', options.input, '--out', out], { timeoutMs: 600_000 });
  const base = { tool: 'Driftline', input: options.label, rows: options.rows };
  if (run.code !== 0) return { ...base, note: run.timedOut ? 'timed out' : `exit code ${String(run.code)}` };
  return { ...base, seconds: run.seconds, ...(run.cpuSeconds === undefined ? {} : { cpuSeconds: run.cpuSeconds }), ...(run.rssMb === undefined ? {} : { rssMb: run.rssMb }) };
}

async function ensureVenv(): Promise<string | undefined> {
  if (existsSync(python)) return undefined;
  const system = ['python3.11', 'python3'].find((p) => existsSync(`/usr/bin/${p}`) || process.env['PATH']?.split(':').some((d) => existsSync(join(d, p))));
  if (system === undefined) return 'no python3 on PATH';
  process.stderr.write(`creating ${venv} and installing evidently and whylogs from PyPI (first run only, a few minutes) ...\n`);
  const exec = promisify(execFile);
  try {
    await exec(system, ['-m', 'venv', venv], { timeout: 120_000 });
    await exec(join(venv, 'bin', 'pip'), ['install', '-q', 'evidently==0.7.23', 'whylogs==1.6.4', 'numpy<2', 'pandas<3'], { timeout: 900_000 });
    return undefined;
  } catch (error) {
    rmSync(venv, { recursive: true, force: true });
    return `could not install evidently/whylogs: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}`;
  }
}

async function runPython(tool: 'evidently' | 'whylogs', csv: string, rows: number, currentRows: number): Promise<Result> {
  process.stderr.write(`${tool} ...\n`);
  const env = { ...process.env, DO_NOT_TRACK: '1', WHYLOGS_NO_ANALYTICS: '1', EVIDENTLY_DISABLE_TELEMETRY: '1' };
  const run = await measure(python, [join(here, 'profile-reference.py'), tool, csv, String(currentRows)], { timeoutMs: 300_000, env });
  const name = tool === 'evidently' ? 'Evidently DataDriftPreset' : 'whylogs profile';
  if (run.timedOut) return { tool: name, input: 'CSV', rows, note: 'timed out after 300 s' };
  try {
    const r = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as { error?: string; version?: string; rows?: number; total_s?: number; load_s?: number; compute_s?: number; cpu_s?: number };
    if (r.error !== undefined) return { tool: name, input: 'CSV', rows, note: r.error };
    const note = `${tool} ${r.version ?? '?'}: read_csv ${r.load_s?.toFixed(1) ?? '?'} s + compute ${r.compute_s?.toFixed(1) ?? '?'} s${tool === 'evidently' ? ` (reference ${rows} + current ${currentRows} rows)` : ''}`;
    return {
      tool: name, input: 'CSV', rows: r.rows ?? rows, ...(r.total_s === undefined ? {} : { seconds: r.total_s }), ...(r.cpu_s === undefined ? {} : { cpuSeconds: r.cpu_s }),
      ...(run.rssMb === undefined ? {} : { rssMb: run.rssMb }), note,
    };
  } catch {
    return { tool: name, input: 'CSV', rows, note: `no result (exit code ${String(run.code)})` };
  }
}

const rate = (r: Result): number | undefined => (r.seconds === undefined ? undefined : r.rows / r.seconds);
const cpuRate = (r: Result): number | undefined => (r.cpuSeconds === undefined ? undefined : r.rows / r.cpuSeconds);

function printTable(results: readonly Result[]): void {
  const evidently = results.find((r) => r.tool.startsWith('Evidently'));
  const whylogs = results.find((r) => r.tool.startsWith('whylogs'));
  const ratio = (r: Result, base: Result | undefined, by = rate): string => {
    const a = by(r);
    const b = base === undefined ? undefined : by(base);
    return a === undefined || b === undefined ? '–' : `${(a / b).toFixed(1)}x`;
  };
  const count = (x: number | undefined): string => (x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));
  const rows = results.map((r) => [
    r.tool, r.input, r.rows.toLocaleString('en-US'), r.seconds?.toFixed(1) ?? '–', count(rate(r)), r.cpuSeconds?.toFixed(1) ?? '–', count(cpuRate(r)),
    r.rssMb === undefined ? '–' : r.rssMb.toFixed(0), ratio(r, evidently), ratio(r, evidently, cpuRate), ratio(r, whylogs),
  ]);
  const head = ['tool', 'input', 'rows', 'seconds', 'rows/s', 'CPU s', 'rows/CPU s', 'peak RSS MB', 'vs Evidently', 'vs Evidently (CPU)', 'vs whylogs'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  process.stdout.write(`\n${line(head)}\n|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|\n${rows.map(line).join('\n')}\n\n`);
  for (const r of results) if (r.note !== undefined) process.stdout.write(`- ${r.tool} (${r.input}): ${r.note}\n`);
  process.stdout.write('- seconds: wall time (Driftline: the whole CLI process; Python: read_csv + compute, imports excluded); CPU s: user + system of all threads (same scopes)\n');
  const ours = results.find((r) => r.tool === 'Driftline' && r.input.includes('no slices'));
  const a = ours === undefined ? undefined : rate(ours);
  const b = evidently === undefined ? undefined : rate(evidently);
  if (a !== undefined && b !== undefined) process.stdout.write(`\ntarget >= 10x Evidently (same work: one overall profile, CSV): ${(a / b).toFixed(1)}x, ${a / b >= 10 ? 'met' : 'NOT met'}\n`);
}

async function main(): Promise<void> {
  const rows = Number(argValue('--rows') ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'driftline-profile-bench-'));
  try {
    process.stderr.write(`generating ${rows} rows x 20 features (seeded) in ${dir} ...\n`);
    const spec = join(dir, 'spec.yaml');
    const specNoSlices = join(dir, 'spec-no-slices.yaml');
    writeFileSync(spec, benchSpecYaml);
    writeFileSync(specNoSlices, benchSpecYaml.replace(/^slices:.*$/m, 'slices: { keys: [] }'));
    const csv = join(dir, 'train.csv');
    const jsonl = join(dir, 'train.jsonl');
    await writeDataset({ file: csv, rows, seed: 1, format: 'csv' });
    await writeDataset({ file: jsonl, rows, seed: 1, format: 'jsonl' });
    process.stderr.write(`train.csv ${(statSync(csv).size / 2 ** 20).toFixed(0)} MiB, train.jsonl ${(statSync(jsonl).size / 2 ** 20).toFixed(0)} MiB\n`);
    const results: Result[] = [
      await runDriftline({ spec: specNoSlices, input: csv, label: 'CSV, no slices', rows, dir }),
      await runDriftline({ spec, input: csv, label: 'CSV, overall + 8 slices', rows, dir }),
      await runDriftline({ spec, input: jsonl, label: 'JSONL PredictionLog, overall + 8 slices', rows, dir }),
    ];
    const skip = process.argv.includes('--skip-python') ? 'skipped (--skip-python)' : await ensureVenv();
    if (skip === undefined) {
      results.push(await runPython('evidently', csv, rows, Math.round(rows / 10)));
      results.push(await runPython('whylogs', csv, rows, 0));
    } else {
      results.push({ tool: 'Evidently DataDriftPreset', input: 'CSV', rows, note: skip }, { tool: 'whylogs profile', input: 'CSV', rows, note: skip });
    }
    printTable(results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
