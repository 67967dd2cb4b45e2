// What the demo knows while it runs: read by the live view and the summary, written by the runner.
import type { DriftEvent, RetrainRequest, SubjectReceipt } from '@driftline/schemas';
import type { DemoOptions } from './demo-options.ts';
import type { LagSample } from './runtime/lag-monitor.ts';
import type { IncidentId, Schedule } from './scenario/schedule.ts';

export const DemoPhase = {
  SETTING_UP: 'setting up',
  SIMULATING: 'simulating',
  DRAINING: 'waiting for detections',
  STOPPING: 'stopping',
} as const;
export type DemoPhase = (typeof DemoPhase)[keyof typeof DemoPhase];

export const Tone = {
  INCIDENT: 'incident',
  DRIFT: 'drift',
  RETRAIN: 'retrain',
  ERASURE: 'erasure',
  INFO: 'info',
} as const;
export type Tone = (typeof Tone)[keyof typeof Tone];

export interface FeedLine {
  /** Wall-clock time. */
  readonly atMs: number;
  readonly tone: Tone;
  readonly text: string;
}

export interface DemoState {
  readonly runId: string;
  readonly options: DemoOptions;
  readonly schedule: Schedule;
  readonly topicPrefix: string;
  readonly logDir: string;
  phase: DemoPhase;
  /** Wall-clock time the simulation started (its event time is schedule.startMs). */
  wallStartMs: number;
  simNowMs: number;
  /** The simulated clock holds while the pipeline catches up with a backlog (back-pressure). */
  paused: boolean;
  /** (wall, simulated) time pairs, one per tick: what simulated time it was at a wall-clock time. */
  readonly clock: { readonly wallMs: number; readonly simMs: number }[];
  produced: { predictions: number; labels: number };
  pendingLabels: number;
  lag: LagSample | undefined;
  readonly events: DriftEvent[];
  readonly retrains: RetrainRequest[];
  readonly receipts: SubjectReceipt[];
  readonly injectedAt: Map<IncidentId, number>;
  /** The keyed pseudonym of the customer who asks for erasure: their receipt names it. */
  readonly erasurePseudonym: string;
  readonly feed: FeedLine[];
}

/** The simulated time at wall-clock time `wallMs` (the last tick at or before it). */
export function toSimTime(state: Pick<DemoState, 'clock' | 'schedule'>, wallMs: number): number {
  let lo = 0;
  let hi = state.clock.length - 1;
  if (hi < 0 || (state.clock[0]?.wallMs ?? 0) > wallMs) return state.schedule.startMs;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((state.clock[mid]?.wallMs ?? 0) <= wallMs) lo = mid; else hi = mid - 1;
  }
  return state.clock[lo]?.simMs ?? state.schedule.startMs;
}

export function addFeedLine(state: DemoState, line: FeedLine): void {
  state.feed.push(line);
  if (state.feed.length > 200) state.feed.splice(0, state.feed.length - 200);
}
