// The state of one model's retraining policy: what the state machine remembers between inputs.
// Plain JSON (stored in Redis as one document per model), event times and wall times in epoch ms.
import type { DriftKind, Severity } from '@driftline/schemas';
import type { RetrainPolicy } from './retraining-rules.ts';

/** The part of a DriftEvent kept for a request's reasons and advice. */
export interface SignalEvent {
  readonly eventId: string;
  readonly kind: DriftKind;
  readonly modelVersion: string;
  readonly slice: string;
  readonly feature?: string;
  readonly statistic: string;
  readonly value: number;
  readonly threshold: number;
  readonly severity: Severity;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly traceparent?: string;
}

/** One thing that is drifting now: a feature (in any slice), or a model-level kind such as concept drift. */
export interface DriftSignal {
  /** The feature name, or `#<KIND>` for a model-level signal. */
  readonly key: string;
  /** Concept drift and performance loss call for retraining on their own; other signals count towards K. */
  readonly decisive: boolean;
  /** Window end of the first event of this run (event time): the drift is sustained from here. */
  readonly firstSeen: number;
  /** Latest window end reported. */
  readonly lastSeen: number;
  /** Earliest window start reported: the best estimate of the change point. */
  readonly changePoint: number;
  /** The run's most recent events, oldest first (at most MAX_EVENTS_PER_SIGNAL). */
  readonly events: readonly SignalEvent[];
}

export const RequestStatus = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'timed-out',
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

export interface PolicyState {
  /** Requests emitted so far. */
  readonly requests: number;
  readonly lastRequestAt?: number;
  /** The request being worked on: at most one per model. */
  readonly open?: { readonly requestId: string; readonly createdAt: number; readonly policies: readonly RetrainPolicy[] };
  readonly lastClosed?: { readonly requestId: string; readonly closedAt: number; readonly status: RequestStatus };
  /** The model's label count (outcomes counted) when the last request was made; 0 before any. */
  readonly labelsAtLastRequest: number;
  /** Start of the last minute the schedule was checked for (wall clock); slots up to it are decided. */
  readonly scheduleCheckedUntil?: number;
  /** The current drift episode. */
  readonly signals: readonly DriftSignal[];
  /** Latest window end of any drift event used (the model's event-time clock). */
  readonly eventClock?: number;
  /** Ids of the most recent drift events seen (at most MAX_SEEN_EVENTS), to drop redeliveries. */
  readonly seenEventIds: readonly string[];
  /** Latest model version named by a drift event, with that event's window end. */
  readonly version?: { readonly name: string; readonly at: number };
  /** Policies whose present condition was already reported as suppressed (counted once per condition). */
  readonly suppressed: readonly RetrainPolicy[];
}

export const MAX_SEEN_EVENTS = 512;
export const MAX_EVENTS_PER_SIGNAL = 16;

export function initialPolicyState(): PolicyState {
  return { requests: 0, labelsAtLastRequest: 0, signals: [], seenEventIds: [], suppressed: [] };
}
