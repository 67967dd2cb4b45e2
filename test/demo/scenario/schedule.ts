// The demo's scenario: five incidents placed along the simulated (event-time) span, each with what
// the pipeline should report for it. Positions are fractions of the span, so `--duration` and
// `--speed` stretch the whole story; below MIN_SPAN_MINUTES the phases get too short for windows
// of 5 minutes and labels that arrive up to 10 minutes late.
import { DriftKind } from '@driftline/schemas';
import type { WorldChanges } from '../credit/credit-model.ts';

export const IncidentId = {
  DATA_DRIFT: 'data-drift',
  PRODUCER_BUG: 'producer-bug',
  CONCEPT_DRIFT: 'concept-drift',
  FAIRNESS_GAP: 'fairness-gap',
  ERASURE: 'erasure',
} as const;
export type IncidentId = (typeof IncidentId)[keyof typeof IncidentId];

/** What counts as detecting an incident. */
export type Expectation =
  | { readonly source: 'drift-event'; readonly kinds: readonly DriftKind[]; readonly slice?: string; readonly feature?: string }
  | { readonly source: 'erasure-receipt' };

export interface Incident {
  readonly id: IncidentId;
  readonly title: string;
  /** What happens in the simulated world. */
  readonly story: string;
  /** Event time (epoch ms) the incident starts and ends; an erasure is a moment (end = start). */
  readonly startMs: number;
  readonly endMs: number;
  readonly expectation: Expectation;
}

export interface Schedule {
  readonly startMs: number;
  readonly endMs: number;
  readonly incidents: readonly Incident[];
}

export const MIN_SPAN_MINUTES = 100;

/** One window of demo-monitor.yaml: a detection may come from the window just after an incident's end. */
export const DETECTION_SLACK_MS = 5 * 60_000;

/** The customer who asks to be forgotten; the simulator makes sure they have records first. */
export const ERASED_SUBJECT = 'cust-004217';

interface Plan {
  readonly id: IncidentId;
  readonly from: number;
  readonly to: number;
  readonly title: string;
  readonly story: string;
  readonly expectation: Expectation;
}

const PLANS: readonly Plan[] = [
  {
    id: IncidentId.DATA_DRIFT, from: 0.12, to: 0.26, title: 'data drift: income, region=south',
    story: 'a partner bank starts sending lower-income applicants from the south (income × 0.7)',
    expectation: { source: 'drift-event', kinds: [DriftKind.DATA_DRIFT], slice: 'region=south', feature: 'income' },
  },
  {
    id: IncidentId.PRODUCER_BUG, from: 0.3, to: 0.4, title: 'producer bug: credit_lines missing, channel=app',
    story: 'a mobile-app release stops sending credit_lines (the model imputes the mean)',
    expectation: { source: 'drift-event', kinds: [DriftKind.DATA_QUALITY], slice: 'channel=app', feature: 'credit_lines' },
  },
  {
    id: IncidentId.CONCEPT_DRIFT, from: 0.44, to: 0.62, title: 'concept drift: debt ratio stops predicting default',
    story: 'a debt-relief programme: inputs look the same, defaults do not follow the debt ratio any more (seen once labels arrive)',
    expectation: { source: 'drift-event', kinds: [DriftKind.CONCEPT_DRIFT, DriftKind.PERFORMANCE] },
  },
  {
    id: IncidentId.FAIRNESS_GAP, from: 0.66, to: 0.84, title: 'unfair error gap: region=east',
    story: 'risk in the east rises in a way the model cannot see: its false-negative rate there outgrows the other regions',
    expectation: { source: 'drift-event', kinds: [DriftKind.FAIRNESS], slice: 'region=east' },
  },
  {
    id: IncidentId.ERASURE, from: 0.72, to: 0.72, title: `erasure request: ${ERASED_SUBJECT}`,
    story: 'a former customer (last application 30 simulated minutes ago) asks to be forgotten (GDPR Art. 17): the eraser removes their records everywhere and returns a receipt',
    expectation: { source: 'erasure-receipt' },
  },
];

export function toSchedule(options: { readonly startMs: number; readonly spanMs: number }): Schedule {
  if (options.spanMs < MIN_SPAN_MINUTES * 60_000) throw new RangeError(`the simulated span must be at least ${MIN_SPAN_MINUTES} minutes`);
  const at = (fraction: number): number => options.startMs + Math.round(fraction * options.spanMs);
  return {
    startMs: options.startMs,
    endMs: options.startMs + options.spanMs,
    incidents: PLANS.map((p) => ({ id: p.id, title: p.title, story: p.story, startMs: at(p.from), endMs: at(p.to), expectation: p.expectation })),
  };
}

export function isActive(incident: Incident, t: number): boolean {
  return t >= incident.startMs && t < incident.endMs;
}

/** How the world differs from a normal day at event time `t`. */
export function toWorldChanges(schedule: Schedule, t: number): WorldChanges {
  const on = (id: IncidentId): boolean => schedule.incidents.some((i) => i.id === id && isActive(i, t));
  return {
    ...(on(IncidentId.DATA_DRIFT) ? { incomeShift: { region: 'south', factor: 0.7 } } : {}),
    ...(on(IncidentId.PRODUCER_BUG) ? { missingCreditLines: { channel: 'app' } } : {}),
    ...(on(IncidentId.CONCEPT_DRIFT) ? { debtIrrelevant: true } : {}),
    ...(on(IncidentId.FAIRNESS_GAP) ? { hiddenRisk: { region: 'east', logit: 2.5 } } : {}),
  };
}
