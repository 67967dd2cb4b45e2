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

function runOnce(stream: Float64Array, length: number): { seconds: number; drifts: number } {
  const detector = createDetector({ kind: job.kind });
  let drifts = 0;
  const start = performance.now();
  for (let i = 0; i < length; i++) if (detector.update(stream[i] ?? 0).drift) drifts++;
  return { seconds: (performance.now() - start) / 1000, drifts };
}

const results: Record<string, { updatesPerSecond: number; min: number; max: number; drifts: number }> = {};
for (const [name, stream] of Object.entries(job.streams)) {
  runOnce(stream, Math.min(stream.length, 200_000)); // warm-up: reach the optimising tier
  const rates: number[] = [];
  let drifts = 0;
  for (let r = 0; r < job.runs; r++) {
    const { seconds, drifts: d } = runOnce(stream, stream.length);
    rates.push(stream.length / seconds);
    drifts = d;
  }
  rates.sort((a, b) => a - b);
  results[name] = { updatesPerSecond: rates[rates.length >> 1] ?? 0, min: rates[0] ?? 0, max: rates.at(-1) ?? 0, drifts };
}
parentPort?.postMessage(results);
