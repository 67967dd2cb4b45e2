/**
 * Measures one detector kind in its own worker (a fresh V8 isolate), so that call sites stay
 * monomorphic exactly as in a service that runs one kind per loop. Posts the median updates/s.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDetector } from '../src/index.ts';

interface Job {
  readonly kind: string;
  readonly streams: Record<string, Float64Array>;
  readonly runs: number;
}

const job = workerData as Job;

/** One pass over the stream: wall-clock and CPU seconds (CPU time is robust to a shared machine). */
function runOnce(stream: Float64Array, length: number): { wall: number; cpu: number; drifts: number } {
  const detector = createDetector({ kind: job.kind });
  let drifts = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < length; i++) if (detector.update(stream[i] ?? 0).drift) drifts++;
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6, drifts };
}

function median(xs: number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

const results: Record<string, { wall: number; cpu: number; min: number; max: number; drifts: number }> = {};
for (const [name, stream] of Object.entries(job.streams)) {
  runOnce(stream, Math.min(stream.length, 200_000)); // warm-up: reach the optimising tier
  const wall: number[] = [];
  const cpu: number[] = [];
  let drifts = 0;
  for (let r = 0; r < job.runs; r++) {
    const run = runOnce(stream, stream.length);
    wall.push(stream.length / run.wall);
    cpu.push(stream.length / run.cpu);
    drifts = run.drifts;
  }
  results[name] = { wall: median(wall), cpu: median(cpu), min: Math.min(...cpu), max: Math.max(...cpu), drifts };
}
parentPort?.postMessage(results);
