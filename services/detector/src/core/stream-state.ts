// One monitored stream (model, version, slice, feature | score | error) of one input partition:
// its streaming detectors plus what an explanation needs (mean since the last change, the newest
// mean) and a coarse clock (one event time every TICK records) to date the start of a change.
import { createDetector, restoreDetector } from '@driftline/detectors';
import type { DriftDetector } from '@driftline/detectors';
import type { DetectorDeclaration } from '@driftline/schemas';

/** One event time kept every TICK records, RING of them: about 16,000 records of history. */
const TICK = 256;
const RING = 64;
/** Last values kept (for the mean of the newest k, k ≤ LAST). */
export const LAST = 64;
/** Newest values that stand for the new level when a detector other than ADWIN fires. */
const NEWEST = 32;

export interface StreamState {
  readonly detectors: DriftDetector[];
  /** Records since the stream started. */
  n: number;
  /** Records and their sum since the last detection (the "before" of the next one). */
  since: number;
  sinceSum: number;
  /** Mean and M2 of every value seen (Welford): the stream's own scale. */
  mean: number;
  m2: number;
  readonly ring: number[];
  /** The last LAST values, oldest overwritten first (position n % LAST). */
  readonly last: number[];
}

export function createStreamState(declarations: readonly DetectorDeclaration[]): StreamState {
  return { detectors: declarations.map((d) => createDetector(d.params === undefined ? { kind: d.kind } : { kind: d.kind, params: d.params })), n: 0, since: 0, sinceSum: 0, mean: 0, m2: 0, ring: [], last: [] };
}

/** What a detector saw when it fired. */
export interface Firing {
  readonly detector: string;
  /** Mean since the previous detection (or the start) and the recent mean, in the stream's units. */
  readonly before: number;
  readonly after: number;
  /** Records the change is estimated to span (ADWIN: its window after the cut; others: since the last detection). */
  readonly span: number;
  /** Event time where the change is estimated to start. */
  readonly changeStart: number;
  /** The detector's own sensitivity parameter (ADWIN δ, Page-Hinkley λ, ...), reported as the threshold. */
  readonly parameter: number;
  /** |after − before| in standard deviations of the stream (0 when it has no spread yet). */
  readonly effect: number;
}

/** Feeds one value; returns the first detector that fired, if any (every detector sees the value). */
export function observeStream(state: StreamState, x: number, eventTime: number): Firing | undefined {
  if (state.n % TICK === 0) {
    state.ring[(state.n / TICK) % RING] = eventTime;
  }
  state.last[state.n % LAST] = x;
  state.n++;
  const delta = x - state.mean;
  state.mean += delta / state.n;
  state.m2 += delta * (x - state.mean);
  let fired: DriftDetector | undefined;
  for (const detector of state.detectors) {
    if (detector.update(x).drift && fired === undefined) fired = detector;
  }
  state.since++;
  state.sinceSum += x;
  if (fired === undefined) return undefined;
  // ADWIN keeps the records after the cut: their mean is the new level (when it kept at least NEWEST;
  // fewer would make a noisy estimate). Other detectors fire a few dozen records after a change: the
  // newest NEWEST records stand for the new level. The rest since the last detection is the old level.
  const adwin = 'width' in fired && 'estimation' in fired && typeof fired.width === 'number' && typeof fired.estimation === 'number' && fired.width >= NEWEST
    ? { width: fired.width, mean: fired.estimation } : undefined;
  const newest = Math.min(NEWEST, state.since, state.n);
  const span = adwin?.width ?? newest;
  const after = adwin?.mean ?? (newest > 0 ? toNewestSum(state, newest) / newest : x);
  const oldCount = state.since - span;
  const oldSum = state.sinceSum - after * span;
  const before = oldCount > 0 ? oldSum / oldCount : x;
  const std = state.n > 1 ? Math.sqrt(state.m2 / state.n) : 0;
  const firing: Firing = {
    detector: fired.kind,
    before,
    after,
    effect: std > 0 ? Math.abs(after - before) / std : 0,
    span,
    changeStart: toChangeStart(state, span, eventTime),
    parameter: toParameter(fired),
  };
  state.since = 0;
  state.sinceSum = 0;
  return firing;
}

/** Mean of the newest `k` values (k ≤ LAST and ≤ n) and their sum. */
export function toNewestSum(state: StreamState, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += state.last[(state.n - i) % LAST] ?? 0;
  return sum;
}

/** Event time of the record `span` records ago, from the ring (the oldest kept when further back). */
function toChangeStart(state: StreamState, span: number, eventTime: number): number {
  const target = Math.max(0, state.n - span);
  const newestTick = Math.floor((state.n - 1) / TICK);
  const oldestTick = Math.max(0, newestTick - RING + 1);
  const tick = Math.min(newestTick, Math.max(oldestTick, Math.ceil(target / TICK)));
  return state.ring[tick % RING] ?? eventTime;
}

/** The parameter that sets each detector's sensitivity, reported as the event's threshold. */
const sensitivity: Readonly<Record<string, string>> = {
  'adwin': 'delta', 'page-hinkley': 'threshold', 'kswin': 'alpha', 'ddm': 'driftThreshold', 'eddm': 'beta',
  'hddm-a': 'driftConfidence', 'hddm-w': 'driftConfidence', 'cusum': 'h',
};

function toParameter(detector: DriftDetector): number {
  const value = (detector.params as Readonly<Record<string, unknown>>)[sensitivity[detector.kind] ?? ''];
  return typeof value === 'number' ? value : 0;
}

/** JSON of the stream for a checkpoint. */
export interface StreamSnapshot {
  readonly d: unknown[];
  readonly n: number;
  readonly s: number;
  readonly ss: number;
  readonly mu: number;
  readonly m2: number;
  readonly ring: number[];
  readonly last: number[];
}

export function toStreamSnapshot(state: StreamState): StreamSnapshot {
  return { d: state.detectors.map((d) => d.snapshot()), n: state.n, s: state.since, ss: state.sinceSum, mu: state.mean, m2: state.m2, ring: [...state.ring], last: [...state.last] };
}

/** Restores a stream; throws a DetectorError when a detector snapshot is invalid. */
export function restoreStreamState(snapshot: StreamSnapshot): StreamState {
  return { detectors: snapshot.d.map((d) => restoreDetector(d)), n: snapshot.n, since: snapshot.s, sinceSum: snapshot.ss, mean: snapshot.mu, m2: snapshot.m2, ring: [...snapshot.ring], last: [...snapshot.last] };
}
