import { describe, expect, it } from 'vitest';
import { DriftKind, Severity } from '@driftline/schemas';
import type { DriftEvent } from '@driftline/schemas';
import { parseDemoOptions } from '../demo-options.ts';
import { DemoPhase, Tone } from '../demo-state.ts';
import type { DemoState } from '../demo-state.ts';
import { IncidentId, toSchedule } from '../scenario/schedule.ts';
import { renderFrame, renderStatusLine } from './live-view.ts';
import { formatSummary, toDemoSummary, toSummaryJson } from './summary-table.ts';

const T0 = 1_800_000_000_000;
const WALL = 1_900_000_000_000;
const MIN = 60_000;

function stateWith(events: DriftEvent[]): DemoState {
  const schedule = toSchedule({ startMs: T0, spanMs: 240 * MIN });
  return {
    runId: 'r1', options: parseDemoOptions([]), schedule, topicPrefix: 'demo-r1.', logDir: '/tmp/x', phase: DemoPhase.SIMULATING, wallStartMs: WALL,
    simNowMs: T0 + 100 * MIN, paused: false, clock: [{ wallMs: WALL, simMs: T0 }, { wallMs: WALL + 36_000, simMs: T0 + 36 * MIN }], produced: { predictions: 24_000, labels: 23_000 }, pendingLabels: 1400, lag: { atMs: WALL, groups: [{ label: 'joiner', lag: 12, perSecond: 480 }], topicRates: new Map([['demo-r1.predictions', 240]]) },
    events, retrains: [], receipts: [], injectedAt: new Map([[IncidentId.DATA_DRIFT, WALL + 29_000], [IncidentId.PRODUCER_BUG, WALL + 72_000]]), erasurePseudonym: 'ps1_x',
    feed: [{ atMs: WALL + 35_000, tone: Tone.DRIFT, text: 'DATA_DRIFT region=south income (ks)' }],
  };
}

const drift: DriftEvent = {
  eventId: 'e', kind: DriftKind.DATA_DRIFT, modelId: 'credit', modelVersion: '1', slice: 'region=south', feature: 'income', statistic: 'ks', value: 0.3, threshold: 0.01,
  windowStart: T0 + 30 * MIN, windowEnd: T0 + 35 * MIN, referenceProfileId: null, referenceSize: 1, currentSize: 1, severity: Severity.WARNING,
  explanation: '', recommendedAction: '', detectedAt: WALL + 36_000, traceparent: null,
};

describe('the summary', () => {
  it('has one row per incident with injection, detection and delay, and says what was missed', () => {
    const state = stateWith([drift]);
    const summary = toDemoSummary(state);
    const text = formatSummary(state, summary, { color: false, interrupted: true });
    expect(text).toContain('Summary so far (interrupted)');
    expect(text).toMatch(/\| data drift: income, region=south +\| 0:29 \(sim \+0h28m\) +\| DATA_DRIFT region=south income \(ks\) +\| 7\.0 s \(7 sim-min\) +\|/);
    expect(text).toMatch(/\| producer bug: credit_lines missing, channel=app +\| 1:12 \(sim \+1h12m\) +\| NOT DETECTED +\| - +\|/);
    expect(text).toMatch(/\| erasure request: cust-004217 +\| not reached +\| - +\| - +\|/);
    expect(text).toContain('1 of 5 incidents detected, 1 injected and not detected, 3 not reached.');
    expect(summary.allDetected).toBe(false);
    expect(toSummaryJson(state, summary, { interrupted: true, servicePids: [1, 2] })).toMatchObject({
      allDetected: false, interrupted: true, servicePids: [1, 2], incidents: [{ id: 'data-drift', injectedAtMs: 29_000, detected: 'DATA_DRIFT region=south income (ks)', delayMs: 7000 }, { id: 'producer-bug', detected: null }, {}, {}, {}],
    });
  });

  it('lists events that match no incident: side effects during an incident apart from false alarms', () => {
    const outside = { ...drift, kind: DriftKind.CORRELATION, slice: 'region=west', windowStart: T0 + 5 * MIN, windowEnd: T0 + 10 * MIN };
    const state = stateWith([{ ...drift, slice: 'region=north' }, outside, outside]);
    const text = formatSummary(state, toDemoSummary(state), { color: false, interrupted: false });
    expect(text).toContain('  1 × DATA_DRIFT region=north income (ks), during "data drift: income, region=south"');
    expect(text).toContain('Reported outside every incident (false alarms):\n    2 × CORRELATION region=west income (ks)');
  });
});

describe('the live view', () => {
  it('fits the terminal and shows traffic, lag, incidents and events', () => {
    const state = stateWith([drift]);
    const frame = renderFrame(state, WALL + 100_000, { width: 100, height: 40, color: false });
    expect(frame.every((l) => l.length <= 100)).toBe(true);
    const text = frame.join('\n');
    expect(text).toContain('predictions 240/s');
    expect(text).toMatch(/joiner +12 +480/);
    expect(text).toMatch(/✓ +0:29 +data drift: income, region=south/);
    expect(text).toContain('0:35  DRIFT    DATA_DRIFT region=south income (ks)');
    expect(renderStatusLine(state, WALL + 100_000)).toMatch(/^ 1:40 {2}STATUS {3}simulating, simulated \+1h40m; .*lag: joiner 12; incidents detected 1\/5$/);
  });
});
