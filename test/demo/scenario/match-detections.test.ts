import { describe, expect, it } from 'vitest';
import { DriftKind, Severity, SubjectRequestKind } from '@driftline/schemas';
import type { DriftEvent, SubjectReceipt } from '@driftline/schemas';
import { toOtherEvents, toSummaryRows } from './match-detections.ts';
import type { MatchInput } from './match-detections.ts';
import { IncidentId, toSchedule } from './schedule.ts';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const schedule = toSchedule({ startMs: T0, spanMs: 240 * MIN });
const incident = (id: IncidentId): { startMs: number; endMs: number } => schedule.incidents.find((i) => i.id === id)!;
const WALL = 1_900_000_000_000;

function event(overrides: Partial<DriftEvent>): DriftEvent {
  return {
    eventId: 'e', kind: DriftKind.DATA_DRIFT, modelId: 'credit', modelVersion: '1', slice: 'region=south', feature: 'income', statistic: 'ks', value: 0.3, threshold: 0.1,
    windowStart: incident(IncidentId.DATA_DRIFT).startMs, windowEnd: incident(IncidentId.DATA_DRIFT).startMs + 5 * MIN, referenceProfileId: null, referenceSize: 0, currentSize: 0,
    severity: Severity.WARNING, explanation: '', recommendedAction: '', detectedAt: WALL + 10_000, traceparent: null, ...overrides,
  };
}

const receipt: SubjectReceipt = {
  requestId: 'erase-1', kind: SubjectRequestKind.ERASE, subjectPseudonym: 'ps1_abcdefghijklmnop', counts: { predictions: 3, labels: 3, outcomes: 3 },
  receivedAt: WALL + 100, completedAt: WALL + 900, deadline: WALL + 1e9, notes: [],
};

function input(overrides: Partial<MatchInput>): MatchInput {
  return {
    schedule, injectedAt: new Map(schedule.incidents.map((i) => [i.id, WALL])), events: [], receipts: [], erasurePseudonym: 'ps1_abcdefghijklmnop', slackMs: 5 * MIN, simAt: (wallMs) => incident(IncidentId.DATA_DRIFT).startMs + (wallMs - WALL) * 60, ...overrides,
  };
}

describe('toSummaryRows', () => {
  it('matches an event of the expected kind, slice and feature whose window overlaps the incident, with the delay since injection', () => {
    const rows = toSummaryRows(input({ events: [event({})] }));
    expect(rows.find((r) => r.incident.id === IncidentId.DATA_DRIFT)?.detection).toEqual({ what: 'DATA_DRIFT region=south income (ks)', atMs: WALL + 10_000, delayMs: 10_000, simDelayMs: 600_000 });
  });

  it('takes the earliest matching event', () => {
    const rows = toSummaryRows(input({ events: [event({ detectedAt: WALL + 9000, statistic: 'adwin' }), event({ detectedAt: WALL + 4000 })] }));
    expect(rows.find((r) => r.incident.id === IncidentId.DATA_DRIFT)?.detection?.delayMs).toBe(4000);
  });

  it('does not count another slice, another feature, another kind, or a window outside the incident (plus one window)', () => {
    const drift = incident(IncidentId.DATA_DRIFT);
    const misses = [
      event({ slice: 'region=east' }), event({ feature: 'age' }), event({ kind: DriftKind.PREDICTION_DRIFT }),
      event({ windowStart: drift.endMs + 5 * MIN, windowEnd: drift.endMs + 10 * MIN }), event({ windowStart: drift.startMs - 10 * MIN, windowEnd: drift.startMs }),
    ];
    const rows = toSummaryRows(input({ events: misses }));
    expect(rows.find((r) => r.incident.id === IncidentId.DATA_DRIFT)?.detection).toBeUndefined();
    expect(toOtherEvents(input({ events: misses })).reduce((n, o) => n + o.count, 0)).toBe(5);
  });

  it('accepts concept drift or a performance loss in any slice for the concept-drift incident', () => {
    const c = incident(IncidentId.CONCEPT_DRIFT);
    const rows = toSummaryRows(input({ events: [event({ kind: DriftKind.PERFORMANCE, slice: 'channel=web', feature: null, statistic: 'accuracy-drop', windowStart: c.startMs, windowEnd: c.startMs + 5 * MIN })] }));
    expect(rows.find((r) => r.incident.id === IncidentId.CONCEPT_DRIFT)?.detection?.what).toBe('PERFORMANCE channel=web (accuracy-drop)');
  });

  it('counts the erasure as detected by an erasure receipt for the subject\'s pseudonym', () => {
    expect(toSummaryRows(input({ receipts: [receipt] })).find((r) => r.incident.id === IncidentId.ERASURE)?.detection?.delayMs).toBe(900);
    expect(toSummaryRows(input({ receipts: [{ ...receipt, subjectPseudonym: 'ps1_other' }] })).find((r) => r.incident.id === IncidentId.ERASURE)?.detection).toBeUndefined();
    expect(toSummaryRows(input({ receipts: [{ ...receipt, kind: SubjectRequestKind.ACCESS }] })).find((r) => r.incident.id === IncidentId.ERASURE)?.detection).toBeUndefined();
  });

  it('leaves incidents not injected yet without injection and detection', () => {
    const rows = toSummaryRows(input({ injectedAt: new Map(), events: [event({})] }));
    expect(rows.every((r) => r.injectedAtMs === undefined && r.detection === undefined)).toBe(true);
  });
});
