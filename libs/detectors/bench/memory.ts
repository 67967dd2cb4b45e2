/** Memory figures for the benchmark: snapshot sizes and the heap held by many live ADWINs. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Adwin, DETECTOR_KINDS, createDetector } from '../src/index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function usedBytes(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** JSON bytes of each detector's snapshot after it has seen `length` samples of the stream. */
export function measureSnapshotBytes(streams: { real: Float64Array; binary: Float64Array }, length: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of DETECTOR_KINDS) {
    const binary = kind === 'ddm' || kind === 'eddm' || kind === 'hddm-a' || kind === 'hddm-w';
    const stream = binary ? streams.binary : streams.real;
    const detector = createDetector({ kind });
    for (let i = 0; i < length; i++) detector.update(stream[i] ?? 0);
    out[kind] = new TextEncoder().encode(JSON.stringify(detector.snapshot())).length;
  }
  return out;
}

/** Heap (JS heap + array buffers) held by `count` ADWINs that have each seen `perInstance` samples. */
export function measureAdwinHeap(stream: Float64Array, count: number, perInstance: number): { bytes: number; width: number } {
  const before = usedBytes();
  const live: Adwin[] = [];
  for (let k = 0; k < count; k++) {
    const adwin = new Adwin();
    const offset = (k * 7919) % (stream.length - perInstance);
    for (let i = 0; i < perInstance; i++) adwin.update(stream[offset + i] ?? 0);
    live.push(adwin);
  }
  const bytes = usedBytes() - before;
  return { bytes, width: live.reduce((sum, a) => sum + a.width, 0) / count };
}
