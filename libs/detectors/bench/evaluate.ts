/**
 * Detection-quality table for docs/detectors.md: for every detector (default parameters) on
 * streams with known change points, detection delay, false alarms per 10^6 records and missed
 * changes. Run: node --conditions=source libs/detectors/bench/evaluate.ts
 */
import { DETECTOR_KINDS, createDetector, evaluateDetector } from '../src/index.ts';
import type { StreamRecipe, StreamSegment } from '../src/evaluation/stream-recipe.ts';
import { generateStream } from '../src/evaluation/stream-recipe.ts';

const BINARY = new Set(['ddm', 'eddm', 'hddm-a', 'hddm-w']);
const SEGMENT = 10_000;

const CHANGES = Array.from({ length: 19 }, (_, k) => (k + 1) * SEGMENT);

/** 20 segments of 10^4 records; segment k is built by `make(k)` (one or more pieces summing to 10^4). */
function segments(make: (k: number) => StreamSegment[]): StreamSegment[] {
  return Array.from({ length: 20 }, (_, k) => make(k)).flat();
}

const normal = (n: number, mean: number, sd: number): StreamSegment => ({ kind: 'normal', n, mean, sd });
const bern = (n: number, p: number): StreamSegment => ({ kind: 'bernoulli', n, p });

interface EvalStream { readonly title: string; readonly binary: boolean; readonly recipe: StreamRecipe; readonly changePoints: readonly number[] }

const STREAMS: EvalStream[] = [
  { title: 'Mean shift of 1σ, up and down every 10^4 records (N(0,1) ↔ N(1,1); 2·10^5 records, 19 changes)', binary: false, changePoints: CHANGES,
    recipe: { seed: 201, segments: segments((k) => [normal(SEGMENT, k % 2, 1)]) } },
  { title: 'Small mean shift of 0.25σ every 10^4 records (N(0,1) ↔ N(0.25,1); 19 changes)', binary: false, changePoints: CHANGES,
    recipe: { seed: 202, segments: segments((k) => [normal(SEGMENT, (k % 2) * 0.25, 1)]) } },
  { title: 'Gradual shift: the mean ramps by 1σ over 2000 records, up and down, every 10^4 records (19 changes, at ramp starts)', binary: false, changePoints: CHANGES,
    recipe: { seed: 203, segments: segments((k) => (k === 0 ? [normal(SEGMENT, 0, 1)]
      : [{ kind: 'ramp', n: 2000, from: (k + 1) % 2, to: k % 2, sd: 1 }, normal(SEGMENT - 2000, k % 2, 1)])) } },
  { title: 'Variance change σ 1 ↔ 3 with the mean fixed, every 10^4 records (19 changes)', binary: false, changePoints: CHANGES,
    recipe: { seed: 204, segments: segments((k) => [normal(SEGMENT, 0, k % 2 === 0 ? 1 : 3)]) } },
  { title: 'Stationary N(0,1), 10^6 records (no change: false alarms only)', binary: false, changePoints: [],
    recipe: { seed: 205, segments: [normal(1_000_000, 0, 1)] } },
  { title: 'Error rate 0.1 ↔ 0.2 every 10^4 records (binary; 19 changes: 10 increases, 9 decreases)', binary: true, changePoints: CHANGES,
    recipe: { seed: 206, segments: segments((k) => [bern(SEGMENT, k % 2 === 0 ? 0.1 : 0.2)]) } },
  { title: 'Error rate rising 0.1 → 0.3 over 2000 records, then back to 0.1 at once, every 10^4 records (binary; 19 changes)', binary: true, changePoints: CHANGES,
    recipe: { seed: 207, segments: segments((k) => (k % 2 === 0 ? [bern(SEGMENT, 0.1)]
      : [{ kind: 'bernoulli-ramp', n: 2000, from: 0.1, to: 0.3 }, bern(SEGMENT - 2000, 0.3)])) } },
  { title: 'Stationary error rate 0.1, 10^6 records (binary; no change: false alarms only)', binary: true, changePoints: [],
    recipe: { seed: 208, segments: [bern(1_000_000, 0.1)] } },
];

function cell(x: number | undefined): string {
  return x === undefined ? '–' : x.toFixed(0);
}

const out: string[] = [];
for (const s of STREAMS) {
  const stream = generateStream(s.recipe);
  out.push(`\n**${s.title}**\n`, '| detector | detected | missed | median delay | mean delay | false alarms / 10^6 |', '|---|---|---|---|---|---|');
  for (const kind of DETECTOR_KINDS) {
    if (BINARY.has(kind) && !s.binary) continue;
    const r = evaluateDetector({ detector: createDetector({ kind }), stream, changePoints: s.changePoints });
    out.push(`| ${kind} | ${r.detected}/${r.changes} | ${r.missed} | ${cell(r.medianDelay)} | ${cell(r.meanDelay)} | ${r.falseAlarmsPerMillion.toFixed(0)} |`);
  }
}
console.log(out.join('\n'));
