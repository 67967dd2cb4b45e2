// Which reported event detected which injected incident, and how long after (pure). A drift event
// detects an incident when it is of the expected kind, slice and feature and its window (event
// time) overlaps the incident's span, extended by one window for detectors that need a few more
// records; the earliest such event counts. Events that detect nothing are listed as "other".
import { SubjectRequestKind } from '@driftline/schemas';
import type { DriftEvent, SubjectReceipt } from '@driftline/schemas';
import type { Incident, IncidentId, Schedule } from './schedule.ts';

export interface Detection {
  /** e.g. "DATA_DRIFT region=south income (ks)". */
  readonly what: string;
  /** Wall-clock time of the detection (the event's detectedAt, the receipt's completedAt). */
  readonly atMs: number;
  /** Wall-clock time from injection to detection. */
  readonly delayMs: number;
  /** Simulated time from the incident's start to the detection. */
  readonly simDelayMs: number;
}

export interface SummaryRow {
  readonly incident: Incident;
  /** Wall-clock time the incident was injected; undefined if the demo stopped before. */
  readonly injectedAtMs: number | undefined;
  readonly detection: Detection | undefined;
}

export interface OtherEvents {
  readonly what: string;
  readonly count: number;
  /** The incident whose span the events' windows overlap (a side effect of it), if any. */
  readonly during: IncidentId | undefined;
}

export interface MatchInput {
  readonly schedule: Schedule;
  readonly injectedAt: ReadonlyMap<IncidentId, number>;
  readonly events: readonly DriftEvent[];
  readonly receipts: readonly SubjectReceipt[];
  /** The pseudonym of the subject of the demo's erasure request (receipts name no plain id). */
  readonly erasurePseudonym: string;
  /** Extra event time after an incident's end in which a detection still counts. */
  readonly slackMs: number;
  /** The simulated time at a wall-clock time. */
  readonly simAt: (wallMs: number) => number;
}

export function toEventLabel(e: Pick<DriftEvent, 'kind' | 'slice' | 'feature' | 'statistic'>): string {
  return `${e.kind} ${e.slice}${e.feature === null ? '' : ` ${e.feature}`} (${e.statistic})`;
}

function overlaps(incident: Incident, e: DriftEvent, slackMs: number): boolean {
  return e.windowEnd > incident.startMs && e.windowStart < incident.endMs + slackMs;
}

function detects(incident: Incident, e: DriftEvent, slackMs: number): boolean {
  const x = incident.expectation;
  if (x.source !== 'drift-event' || !x.kinds.includes(e.kind)) return false;
  if (x.slice !== undefined && e.slice !== x.slice) return false;
  if (x.feature !== undefined && e.feature !== x.feature) return false;
  return overlaps(incident, e, slackMs);
}

const RECEIPT_COUNTS = ['predictions', 'labels', 'outcomes', 'aggregates.corrected'] as const;

export function toReceiptLabel(receipt: SubjectReceipt): string {
  const counts = RECEIPT_COUNTS.map((k) => `${k} ${String(receipt.counts[k] ?? 0)}`).join(', ');
  return `receipt ${receipt.subjectPseudonym.slice(0, 12)}… (${counts})`;
}

function toDetection(incident: Incident, input: MatchInput, injectedAtMs: number): Detection | undefined {
  const at = (what: string, atMs: number): Detection => ({
    what, atMs, delayMs: Math.max(0, atMs - injectedAtMs), simDelayMs: Math.max(0, input.simAt(atMs) - incident.startMs),
  });
  if (incident.expectation.source === 'erasure-receipt') {
    const receipt = input.receipts.find((r) => r.kind === SubjectRequestKind.ERASE && r.subjectPseudonym === input.erasurePseudonym);
    return receipt === undefined ? undefined : at(toReceiptLabel(receipt), receipt.completedAt);
  }
  let first: DriftEvent | undefined;
  for (const e of input.events) if (detects(incident, e, input.slackMs) && (first === undefined || e.detectedAt < first.detectedAt)) first = e;
  return first === undefined ? undefined : at(toEventLabel(first), first.detectedAt);
}

export function toSummaryRows(input: MatchInput): SummaryRow[] {
  return input.schedule.incidents.map((incident) => {
    const injectedAtMs = input.injectedAt.get(incident.id);
    return { incident, injectedAtMs, detection: injectedAtMs === undefined ? undefined : toDetection(incident, input, injectedAtMs) };
  });
}

/**
 * Drift events that detect no incident, counted by kind, slice, feature and statistic, and by the
 * incident they happened during (side effects: a shift in one slice also moves its error rates),
 * if any; the rest are false alarms.
 */
export function toOtherEvents(input: MatchInput): OtherEvents[] {
  const groups = new Map<string, { what: string; count: number; during: IncidentId | undefined }>();
  for (const e of input.events) {
    if (input.schedule.incidents.some((i) => detects(i, e, input.slackMs))) continue;
    const what = toEventLabel(e);
    const during = input.schedule.incidents.find((i) => i.expectation.source === 'drift-event' && overlaps(i, e, input.slackMs))?.id;
    const key = `${during ?? ''}\u0000${what}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { what, count: 1, during }); else group.count++;
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.what.localeCompare(b.what));
}
