import { describe, expect, it } from 'vitest';
import type { GroundTruth, PredictionLog } from '@driftline/schemas';
import { ERASED_SUBJECT, IncidentId, toSchedule } from './schedule.ts';
import { LABEL_DELAY_MAX_MS, LABEL_DELAY_MIN_MS, createTraffic } from './traffic.ts';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const schedule = toSchedule({ startMs: T0, spanMs: 100 * MIN });
const at = (id: IncidentId): { startMs: number; endMs: number } => schedule.incidents.find((i) => i.id === id)!;

const END = schedule.endMs + LABEL_DELAY_MAX_MS;

function runAll(seed: number): { predictions: PredictionLog[]; labels: GroundTruth[]; started: IncidentId[] } {
  const traffic = createTraffic({ schedule, ratePerMinute: 120, seed });
  const out = { predictions: [] as PredictionLog[], labels: [] as GroundTruth[], started: [] as IncidentId[] };
  for (let t = T0 + 7_000; t <= END; t = Math.min(END, t + 7_000) + (t === END ? 1 : 0)) {
    const b = traffic.advance(t);
    out.predictions.push(...b.predictions);
    out.labels.push(...b.labels);
    out.started.push(...b.started);
  }
  return out;
}

describe('createTraffic', () => {
  const run = runAll(7);

  it('produces predictions at the rate in event order, each with one label 2–10 minutes later', () => {
    const minutes = (END - T0) / MIN;
    expect(Math.abs(run.predictions.length - 120 * minutes)).toBeLessThanOrEqual(1);
    expect(run.predictions.every((p, i) => i === 0 || p.timestamp >= run.predictions[i - 1]!.timestamp)).toBe(true);
    const byId = new Map(run.predictions.map((p) => [p.requestId, p]));
    const labelled = run.labels.filter((l) => byId.has(l.requestId));
    expect(labelled).toHaveLength(run.labels.length);
    expect(new Set(run.labels.map((l) => l.requestId)).size).toBe(run.labels.length);
    for (const l of run.labels) {
      const delay = l.timestamp - byId.get(l.requestId)!.timestamp;
      expect(delay).toBeGreaterThanOrEqual(LABEL_DELAY_MIN_MS - 1);
      expect(delay).toBeLessThanOrEqual(LABEL_DELAY_MAX_MS + 1);
    }
    expect(run.labels.every((l) => l.label === 'default' || l.label === 'repaid')).toBe(true);
  });

  it('reports each incident start once, in order', () => {
    expect(run.started).toEqual(schedule.incidents.map((i) => i.id));
  });

  it('drops credit_lines from app records only while the producer bug lasts', () => {
    const bug = at(IncidentId.PRODUCER_BUG);
    for (const p of run.predictions) {
      const during = p.timestamp >= bug.startMs && p.timestamp < bug.endMs;
      expect('credit_lines' in p.features).toBe(!(during && p.slice['channel'] === 'app'));
    }
  });

  it('gives the customer who asks for erasure applications before, and none in the 30 minutes before the request or after it', () => {
    const erasure = at(IncidentId.ERASURE);
    const theirs = run.predictions.filter((p) => p.subjectId === ERASED_SUBJECT);
    expect(theirs.length).toBeGreaterThanOrEqual(3);
    expect(theirs.every((p) => p.timestamp < erasure.startMs - 30 * MIN)).toBe(true);
    expect(run.predictions.filter((p) => p.subjectId !== ERASED_SUBJECT).every((p) => /^cust-1\d{5}$/.test(p.subjectId ?? ''))).toBe(true);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(runAll(7).predictions.slice(0, 50)).toEqual(run.predictions.slice(0, 50));
    expect(runAll(8).predictions.slice(0, 50)).not.toEqual(run.predictions.slice(0, 50));
  });
});
