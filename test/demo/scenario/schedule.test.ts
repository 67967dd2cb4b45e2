import { describe, expect, it } from 'vitest';
import { IncidentId, MIN_SPAN_MINUTES, isActive, toSchedule, toWorldChanges } from './schedule.ts';

const T0 = 1_800_000_000_000;
const MIN = 60_000;

describe('toSchedule', () => {
  const schedule = toSchedule({ startMs: T0, spanMs: 240 * MIN });
  const byId = new Map(schedule.incidents.map((i) => [i.id, i]));

  it('places the five incidents in order along the span, each inside it', () => {
    expect(schedule.incidents.map((i) => i.id)).toEqual([IncidentId.DATA_DRIFT, IncidentId.PRODUCER_BUG, IncidentId.CONCEPT_DRIFT, IncidentId.FAIRNESS_GAP, IncidentId.ERASURE]);
    for (const i of schedule.incidents) {
      expect(i.startMs).toBeGreaterThan(T0);
      expect(i.endMs).toBeLessThan(schedule.endMs);
      expect(i.endMs).toBeGreaterThanOrEqual(i.startMs);
    }
    expect(schedule.endMs).toBe(T0 + 240 * MIN);
  });

  it('keeps the data incidents apart, so each detection can be told from the others', () => {
    const spans = [IncidentId.DATA_DRIFT, IncidentId.PRODUCER_BUG, IncidentId.CONCEPT_DRIFT, IncidentId.FAIRNESS_GAP].map((id) => byId.get(id)!);
    for (let k = 1; k < spans.length; k++) expect(spans[k]!.startMs - spans[k - 1]!.endMs).toBeGreaterThanOrEqual(4 * MIN);
  });

  it('gives each label-based incident at least two whole 5-minute windows at the shortest span', () => {
    const short = toSchedule({ startMs: T0, spanMs: MIN_SPAN_MINUTES * MIN });
    for (const i of short.incidents.filter((x) => x.id !== IncidentId.ERASURE && x.id !== IncidentId.PRODUCER_BUG)) expect(i.endMs - i.startMs).toBeGreaterThanOrEqual(14 * MIN);
    expect(() => toSchedule({ startMs: T0, spanMs: (MIN_SPAN_MINUTES - 1) * MIN })).toThrow(RangeError);
  });

  it('changes the world only while an incident is active', () => {
    const drift = byId.get(IncidentId.DATA_DRIFT)!;
    expect(toWorldChanges(schedule, drift.startMs - 1)).toEqual({});
    expect(toWorldChanges(schedule, drift.startMs)).toEqual({ incomeShift: { region: 'south', factor: 0.7 } });
    expect(toWorldChanges(schedule, drift.endMs)).toEqual({});
    expect(toWorldChanges(schedule, byId.get(IncidentId.PRODUCER_BUG)!.startMs)).toEqual({ missingCreditLines: { channel: 'app' } });
    expect(toWorldChanges(schedule, byId.get(IncidentId.CONCEPT_DRIFT)!.startMs)).toEqual({ debtIrrelevant: true });
    expect(toWorldChanges(schedule, byId.get(IncidentId.FAIRNESS_GAP)!.startMs)).toEqual({ hiddenRisk: { region: 'east', logit: 2.5 } });
    expect(isActive(drift, drift.startMs)).toBe(true);
    expect(isActive(drift, drift.endMs)).toBe(false);
  });
});
