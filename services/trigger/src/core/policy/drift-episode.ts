// The drift episode of a model: which signals are drifting, since when (event time), and whether
// the drift policy's condition holds: a decisive signal (concept drift, performance loss), or K
// drifting features, sustained for T.
import type { DriftEvent, DriftKind, Severity } from '@driftline/schemas';
import { MAX_EVENTS_PER_SIGNAL } from './policy-state.ts';
import type { DriftSignal, SignalEvent } from './policy-state.ts';
import type { DriftRule } from './retraining-rules.ts';

/** Kinds that say the model itself got worse: each one is enough, whatever K. */
const DECISIVE_KINDS: readonly DriftKind[] = ['CONCEPT_DRIFT', 'PERFORMANCE'];
/** Kinds retraining does not fix (broken input, a fairness gap): counted, never a reason. */
const IGNORED_KINDS: readonly DriftKind[] = ['DATA_QUALITY', 'FAIRNESS'];
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { INFO: 0, WARNING: 1, CRITICAL: 2 };

export type EventAdmission = 'used' | 'ignored-kind' | 'below-severity';

export function toEventAdmission(event: DriftEvent, rule: DriftRule): EventAdmission {
  if (IGNORED_KINDS.includes(event.kind)) return 'ignored-kind';
  return SEVERITY_RANK[event.severity] < SEVERITY_RANK[rule.minSeverity] ? 'below-severity' : 'used';
}

export function toSignalEvent(e: DriftEvent): SignalEvent {
  return {
    eventId: e.eventId, kind: e.kind, modelVersion: e.modelVersion, slice: e.slice, statistic: e.statistic, value: e.value, threshold: e.threshold,
    severity: e.severity, windowStart: e.windowStart, windowEnd: e.windowEnd,
    ...(e.feature === null ? {} : { feature: e.feature }), ...(e.traceparent === null ? {} : { traceparent: e.traceparent }),
  };
}

/**
 * Adds an event to the episode. A signal not reported for longer than `holdMs` has ended: an
 * event after such a gap starts a new run. Signals that ended by the new event-time clock are dropped.
 */
export function addToEpisode(signals: readonly DriftSignal[], event: SignalEvent, options: { holdMs: number; clock: number }): DriftSignal[] {
  const decisive = DECISIVE_KINDS.includes(event.kind);
  const key = decisive || event.feature === undefined ? `#${event.kind}` : event.feature;
  const fresh: DriftSignal = { key, decisive, firstSeen: event.windowEnd, lastSeen: event.windowEnd, changePoint: event.windowStart, events: [event] };
  const current = signals.find((s) => s.key === key);
  const next = current === undefined || event.windowEnd > current.lastSeen + options.holdMs
    ? fresh
    : {
      key, decisive,
      firstSeen: Math.min(current.firstSeen, event.windowEnd),
      lastSeen: Math.max(current.lastSeen, event.windowEnd),
      changePoint: Math.min(current.changePoint, event.windowStart),
      events: [...current.events, event].slice(-MAX_EVENTS_PER_SIGNAL),
    };
  return [...signals.filter((s) => s.key !== key), next].filter((s) => s.lastSeen + options.holdMs >= options.clock);
}

export interface EpisodeVerdict {
  /** The signals behind the request: sustained decisive ones, and every drifting feature once K are sustained. */
  readonly triggering: readonly DriftSignal[];
  /** How long the condition has held at `clock`, ms. */
  readonly sustainedMs: number;
}

/** Whether the drift condition holds at event time `clock`; undefined when it does not. */
export function evaluateEpisode(signals: readonly DriftSignal[], clock: number, rule: DriftRule): EpisodeVerdict | undefined {
  const decisive = signals.filter((s) => s.decisive && clock - s.firstSeen >= rule.sustainedForMs);
  const features = signals.filter((s) => !s.decisive).sort((a, b) => a.firstSeen - b.firstSeen);
  const kth = features[rule.minFeatures - 1];
  const featuresHold = kth !== undefined && clock - kth.firstSeen >= rule.sustainedForMs;
  const triggering = [...decisive, ...(featuresHold ? features : [])];
  if (triggering.length === 0) return undefined;
  const since = Math.min(...decisive.map((s) => s.firstSeen), ...(featuresHold ? [kth.firstSeen] : []));
  return { triggering, sustainedMs: clock - since };
}
