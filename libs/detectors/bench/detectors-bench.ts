/**
 * `npm run bench:detectors`: updates/s of every detector on 10^6-sample streams (stationary and
 * drift-heavy), through the public class, median of several runs after warm-up, each kind in its
 * own worker; River 0.26.1 on the same streams through its Python API when Python is available;
 * snapshot bytes per detector and heap per 10^5 live ADWIN instances.
 *
 * Env: DETECTORS_BENCH_RUNS (default 5), DETECTORS_BENCH_RIVER=0 to skip River,
 * DETECTORS_BENCH_RIVER_BUDGET seconds per River run (default 1.5).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DETECTOR_KINDS } from '../src/index.ts';
import { generateStream } from '../src/evaluation/stream-recipe.ts';
import { BENCH_STREAMS } from './bench-streams.ts';
import { measureAdwinHeap, measureSnapshotBytes } from './memory.ts';

const env = process.env;
const RUNS = Number(env['DETECTORS_BENCH_RUNS'] ?? 5);
const RIVER_BUDGET = Number(env['DETECTORS_BENCH_RIVER_BUDGET'] ?? 1.5);
const here = new URL('.', import.meta.url);
const BINARY = new Set(['ddm', 'eddm', 'hddm-a', 'hddm-w']);
const NAMES = ['stationary', 'drift-heavy'] as const;

type Rates = Record<string, { wall: number; cpu: number; min: number; max: number; drifts: number }>;

function shared(values: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(values.byteLength));
  out.set(values);
  return out;
}

const streams = {
  real: { stationary: shared(generateStream(BENCH_STREAMS.real.stationary)), 'drift-heavy': shared(generateStream(BENCH_STREAMS.real['drift-heavy'])) },
  binary: { stationary: shared(generateStream(BENCH_STREAMS.binary.stationary)), 'drift-heavy': shared(generateStream(BENCH_STREAMS.binary['drift-heavy'])) },
};

function measureKind(kind: string): Promise<Rates> {
  const family = BINARY.has(kind) ? streams.binary : streams.real;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./throughput-worker.ts', here), { workerData: { kind, streams: family, runs: RUNS } });
    worker.once('message', (m: Rates) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

interface RiverRate { kind: string; stream: string; n: number; wall: number; cpu: number; river: string }

function runRiver(): { rates: RiverRate[]; note: string } {
  if (env['DETECTORS_BENCH_RIVER'] === '0') return { rates: [], note: 'River skipped (DETECTORS_BENCH_RIVER=0)' };
  const setup = spawnSync('bash', [new URL('../scripts/setup-venv.sh', here).pathname], { encoding: 'utf8' });
  if (setup.status !== 0) return { rates: [], note: `River skipped: could not set up the virtualenv (${setup.stderr.trim().split('\n').at(-1) ?? ''})` };
  const python = setup.stdout.trim().split('\n').at(-1) ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'detectors-bench-'));
  try {
    for (const family of ['real', 'binary'] as const) {
      for (const name of NAMES) writeFileSync(join(dir, `${family}-${name}.f64`), new Uint8Array(streams[family][name].buffer));
    }
    const run = spawnSync(python, [new URL('./river-bench.py', here).pathname, dir, String(RIVER_BUDGET), '3'], { encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0) return { rates: [], note: `River run failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
    return { rates: run.stdout.trim().split('\n').map((l) => JSON.parse(l) as RiverRate), note: `River ${python}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmt(rate: number): string {
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(2)} M` : `${(rate / 1e3).toFixed(1)} k`;
}

/** The issue's targets: ours/River ≥ 1 for all; ≥ 3 for PH and CUSUM (vs River PH); ≥ 100 for KSWIN; ADWIN ≥ 5 M/s. */
function target(kind: string): { ratio: number; absolute?: number } {
  if (kind === 'page-hinkley' || kind === 'cusum') return { ratio: 3 };
  if (kind === 'kswin') return { ratio: 100 };
  if (kind === 'adwin') return { ratio: 1, absolute: 5e6 };
  return { ratio: 1 };
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`# @driftline/detectors benchmark: Node ${process.version}, 10^6 samples per stream, median of ${RUNS} runs after warm-up`);
  console.log('# rates are updates per second of CPU time (robust to a shared machine); wall-clock rates beside them\n');
  const ours: Record<string, Rates> = {};
  for (const kind of DETECTOR_KINDS) {
    ours[kind] = await measureKind(kind);
    process.stderr.write(`measured ${kind}\n`);
  }
  const river = runRiver();
  const lines = ['| detector | stream | ours (updates/CPU-s, min–max) | ours (wall) | River 0.26.1 (updates/CPU-s, samples) | River (wall) | ours/River (CPU) | target | met |', '|---|---|---|---|---|---|---|---|---|'];
  for (const kind of DETECTOR_KINDS) {
    for (const name of NAMES) {
      const o = ours[kind]?.[name];
      if (o === undefined) continue;
      const versus = kind === 'cusum' ? 'page-hinkley' : kind;
      const r = river.rates.find((x) => x.kind === versus && x.stream === name);
      const ratio = r === undefined ? undefined : o.cpu / r.cpu;
      const t = target(kind);
      const okRatio = ratio === undefined ? undefined : ratio >= t.ratio;
      const okAbs = t.absolute === undefined || o.cpu >= t.absolute;
      const met = okRatio === undefined ? (okAbs ? 'n/a' : 'no') : okRatio && okAbs ? 'yes' : 'no';
      const riverCell = r === undefined ? 'n/a | n/a' : `${fmt(r.cpu)} (${r.n.toLocaleString('en')}${kind === 'cusum' ? ', River PH' : ''}) | ${fmt(r.wall)}`;
      const targetCell = `≥ ${t.ratio}×${t.absolute === undefined ? '' : ` and ≥ ${fmt(t.absolute)}/s`}`;
      lines.push(`| ${kind} | ${name} | ${fmt(o.cpu)} (${fmt(o.min)}–${fmt(o.max)}) | ${fmt(o.wall)} | ${riverCell} | ${ratio === undefined ? 'n/a' : `${ratio.toFixed(1)}×`} | ${targetCell} | ${met} |`);
    }
  }
  console.log(lines.join('\n'));
  console.log(`\n${river.note}`);

  const snap = measureSnapshotBytes({ real: streams.real.stationary, binary: streams.binary.stationary }, 100_000);
  console.log('\n| detector | snapshot bytes (JSON, after 10^5 stationary samples) |\n|---|---|');
  for (const [kind, bytes] of Object.entries(snap)) console.log(`| ${kind} | ${bytes} |`);
  const heap = measureAdwinHeap(streams.real.stationary, 100_000, 1000);
  console.log(`\nHeap for 10^5 live ADWIN instances (1000 samples each, mean width ${heap.width.toFixed(0)}): ${(heap.bytes / 2 ** 20).toFixed(1)} MiB (${(heap.bytes / 1e5).toFixed(0)} B each; target < 1024 MiB: ${heap.bytes < 2 ** 30 ? 'met' : 'NOT met'})`);
  console.log(`\nTotal time ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
