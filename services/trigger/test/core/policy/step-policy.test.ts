import { describe, expect, it } from 'vitest';
import { parseCron } from '../../../src/core/cron/cron-expression.ts';
import type { CronExpression } from '../../../src/core/cron/cron-expression.ts';
import { MAX_SEEN_EVENTS } from '../../../src/core/policy/policy-state.ts';
import { HOUR, MIN, T0, driftEvent, rules, runner } from './policy-fixtures.ts';

const cron = (text: string): CronExpression => {
  const parsed = parseCron(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.cron;
};

describe('drift policy', () => {
  it('requests retraining for a drift event, naming the event and advising to train from its change point', () => {
    const run = runner(rules());
    const event = driftEvent({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });

    const outcomes = run.step({ kind: 'drift', event });

    expect(outcomes[0]).toEqual({ kind: 'drift-event', result: 'used' });
    const [request] = run.requests(outcomes);
    expect(request).toMatchObject({ modelId: 'credit', modelVersion: '3', trainFrom: event.windowStart, trainTo: null, createdAt: T0 });
    expect(request?.reasons).toEqual([{ policy: 'drift', detail: expect.stringContaining('income: psi 0.3 vs threshold 0.2 (1.5×), WARNING, slice overall') as unknown, eventIds: [event.eventId] }]);
    expect(outcomes.find((o) => o.kind === 'request')).toMatchObject({ traceparent: event.traceparent });
    expect(run.state.open?.requestId).toBe(request?.requestId);
    expect(run.state.signals).toEqual([]);
  });

  it('ignores events below the minimum severity and kinds retraining does not fix', () => {
    const run = runner(rules({ drift: { minSeverity: 'CRITICAL', minFeatures: 1, sustainedForMs: 0 } }));

    const warning = run.step({ kind: 'drift', event: driftEvent({ severity: 'WARNING' }) });
    const quality = run.step({ kind: 'drift', event: driftEvent({ kind: 'DATA_QUALITY', severity: 'CRITICAL', windowEnd: T0 + MIN }) });
    const fairness = run.step({ kind: 'drift', event: driftEvent({ kind: 'FAIRNESS', severity: 'CRITICAL', feature: null, windowEnd: T0 + 2 * MIN }) });
    const critical = run.step({ kind: 'drift', event: driftEvent({ severity: 'CRITICAL', windowEnd: T0 + 3 * MIN }) });

    expect([warning, quality, fairness].map((o) => o[0])).toEqual([
      { kind: 'drift-event', result: 'below-severity' }, { kind: 'drift-event', result: 'ignored-kind' }, { kind: 'drift-event', result: 'ignored-kind' },
    ]);
    expect(run.requests([...warning, ...quality, ...fairness])).toEqual([]);
    expect(run.requests(critical)).toHaveLength(1);
  });

  it('counts events only when the spec has a drift policy', () => {
    const { onDemand, cooldownMs, featureCount, signalHoldMs } = rules();
    const run = runner({ onDemand, cooldownMs, featureCount, signalHoldMs });

    expect(run.step({ kind: 'drift', event: driftEvent({ severity: 'CRITICAL' }) })).toEqual([{ kind: 'drift-event', result: 'no-drift-policy' }]);
    expect(run.state.signals).toEqual([]);
  });

  it('continues the newest triggering event\'s trace and links the other events\' contexts', () => {
    const run = runner(rules({ drift: { minSeverity: 'WARNING', minFeatures: 3, sustainedForMs: 0 } }));
    const older = driftEvent({ feature: 'age', traceparent: `00-${'1'.repeat(32)}-${'a'.repeat(16)}-01` });
    const untraced = driftEvent({ feature: 'zip', windowEnd: T0 + MIN, traceparent: null });
    const newest = driftEvent({ feature: 'income', windowEnd: T0 + 2 * MIN, traceparent: `00-${'2'.repeat(32)}-${'b'.repeat(16)}-01` });

    const outcomes = [older, untraced, newest].flatMap((event) => run.step({ kind: 'drift', event }));

    expect(outcomes.find((o) => o.kind === 'request')).toMatchObject({ traceparent: newest.traceparent, links: [older.traceparent] });
  });

  it('drops a redelivered event by its id', () => {
    const run = runner(rules({ drift: { minSeverity: 'WARNING', minFeatures: 2, sustainedForMs: 0 } }));
    const event = driftEvent();

    run.step({ kind: 'drift', event });
    const again = run.step({ kind: 'drift', event });

    expect(again).toEqual([{ kind: 'drift-event', result: 'duplicate' }]);
    expect(run.state.signals).toHaveLength(1);
  });

  it('remembers a bounded number of event ids', () => {
    const run = runner(rules({ drift: { minSeverity: 'CRITICAL', minFeatures: 1, sustainedForMs: 0 } }));

    for (let i = 0; i <= MAX_SEEN_EVENTS; i++) run.step({ kind: 'drift', event: driftEvent({ eventId: `e${i}` }) });

    expect(run.state.seenEventIds).toHaveLength(MAX_SEEN_EVENTS);
    expect(run.step({ kind: 'drift', event: driftEvent({ eventId: 'e0' }) })).toEqual([{ kind: 'drift-event', result: 'below-severity' }]);
  });

  it('waits for K drifting features, then names every drifting feature', () => {
    const run = runner(rules({ drift: { minSeverity: 'WARNING', minFeatures: 3, sustainedForMs: 0 } }));
    const events = ['income', 'age', 'debt_ratio'].map((feature, i) => driftEvent({ feature, windowEnd: T0 + i * MIN }));

    const first = run.step({ kind: 'drift', event: events[0]! });
    const sameFeatureOtherSlice = run.step({ kind: 'drift', event: driftEvent({ feature: 'income', slice: 'region=eu', windowEnd: T0 + 30_000 }) });
    const second = run.step({ kind: 'drift', event: events[1]! });
    const third = run.step({ kind: 'drift', event: events[2]! });

    expect(run.requests([...first, ...sameFeatureOtherSlice, ...second])).toEqual([]);
    const [request] = run.requests(third);
    expect(request?.reasons[0]?.eventIds.sort()).toEqual([...events.map((e) => e.eventId), 'e-income-1795770030000-region=eu'].sort());
    expect(request?.reasons[0]?.detail).toMatch(/^3 of 8 features drifting \(at least 3 needed\), sustained 0s/);
    expect(request?.trainFrom).toBe(events[0]!.windowStart);
  });

  it('requires the K features to be sustained for T in event time', () => {
    const run = runner(rules({ drift: { minSeverity: 'WARNING', minFeatures: 2, sustainedForMs: HOUR } }));
    const at = (feature: string, minutes: number): readonly unknown[] => run.requests(run.step({ kind: 'drift', event: driftEvent({ feature, windowEnd: T0 + minutes * MIN }) }));

    expect([at('income', 0), at('age', 10), at('income', 40), at('age', 60)].flat()).toEqual([]); // K held from minute 10 only
    const fired = at('income', 70);

    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ reasons: [{ detail: expect.stringMatching(/sustained 1h \(at least 1h\)/) as unknown }] });
  });

  it('lets a signal end when it is not reported within the hold time, and starts its run again', () => {
    const run = runner(rules({ signalHoldMs: 65 * MIN, drift: { minSeverity: 'WARNING', minFeatures: 2, sustainedForMs: 30 * MIN } }));
    const at = (feature: string, minutes: number): readonly unknown[] => run.requests(run.step({ kind: 'drift', event: driftEvent({ feature, windowEnd: T0 + minutes * MIN }) }));

    expect([at('income', 0), at('age', 100)].flat()).toEqual([]); // income ended at minute 65
    expect(run.state.signals.map((s) => s.key)).toEqual(['age']);
    expect([at('income', 110), at('age', 130)].flat()).toEqual([]); // income's new run is 20 minutes old
    expect(at('income', 140)).toHaveLength(1);
  });

  it('treats concept drift as enough on its own and advises retraining from scratch', () => {
    const run = runner(rules({ drift: { minSeverity: 'WARNING', minFeatures: 3, sustainedForMs: 0 } }));
    const concept = driftEvent({ kind: 'CONCEPT_DRIFT', feature: null, statistic: 'ddm', slice: 'region=eu', windowStart: T0 - HOUR, severity: 'CRITICAL', value: 0.31, threshold: 0.2 });

    const [request] = run.requests(run.step({ kind: 'drift', event: concept }));

    expect(request?.reasons[0]?.detail).toContain('the model got worse');
    expect(request?.reasons[0]?.detail).toContain('concept drift: ddm 0.31 vs threshold 0.2 (1.55×), CRITICAL, slice region=eu');
    expect(request?.trainFrom).toBe(T0 - HOUR);
    expect(request?.advice).toMatch(/^retrain-from-scratch: the relationship between features and labels changed/);
  });
});

describe('cooldown and the open request', () => {
  it('suppresses drift within the cooldown once, and fires after it with the evidence gathered meanwhile', () => {
    const run = runner(rules({ cooldownMs: 6 * HOUR }));
    const [first] = run.requests(run.step({ kind: 'drift', event: driftEvent() }));
    run.step({ kind: 'complete', requestId: first!.requestId, status: 'succeeded' });

    run.now = T0 + HOUR;
    const second = run.step({ kind: 'drift', event: driftEvent({ feature: 'age', windowEnd: T0 + HOUR }) });
    const third = run.step({ kind: 'drift', event: driftEvent({ feature: 'age', windowEnd: T0 + 90 * MIN }) });
    run.now = T0 + 6 * HOUR;
    const after = run.step({ kind: 'drift', event: driftEvent({ feature: 'age', windowEnd: T0 + 2 * HOUR }) });

    expect(second).toContainEqual({ kind: 'suppressed', policy: 'drift', cause: 'cooldown' });
    expect(third.filter((o) => o.kind === 'suppressed')).toEqual([]);
    const [request] = run.requests(after);
    expect(request?.reasons[0]?.eventIds).toHaveLength(3);
    expect(request?.requestId).not.toBe(first?.requestId);
  });

  it('holds every automatic policy while a request is open, until it is completed', () => {
    const run = runner(rules({ cooldownMs: HOUR, newLabels: 100 }));
    const [first] = run.requests(run.step({ kind: 'drift', event: driftEvent() }));
    run.now = T0 + 2 * HOUR;
    run.labels = 100;

    const blocked = run.step({ kind: 'drift', event: driftEvent({ feature: 'age', windowEnd: T0 + HOUR }) });
    const completed = run.step({ kind: 'complete', requestId: first!.requestId, status: 'failed' });
    const next = run.step({ kind: 'tick' });

    expect(blocked.filter((o) => o.kind === 'suppressed')).toEqual([{ kind: 'suppressed', policy: 'drift', cause: 'open-request' }, { kind: 'suppressed', policy: 'new-labels', cause: 'open-request' }]);
    expect(completed).toEqual([{ kind: 'closed', requestId: first!.requestId, status: 'failed' }]);
    expect(run.requests(next).map((r) => r.reasons.map((x) => x.policy))).toEqual([['new-labels']]);
    expect(run.state.lastClosed).toEqual({ requestId: first!.requestId, closedAt: T0 + 2 * HOUR, status: 'failed' });
  });

  it('closes an open request as timed out after the timeout', () => {
    const run = runner(rules(), { openRequestTimeoutMs: 12 * HOUR });
    const [first] = run.requests(run.step({ kind: 'drift', event: driftEvent() }));

    run.now = T0 + 12 * HOUR - 1;
    const before = run.step({ kind: 'tick' });
    run.now = T0 + 12 * HOUR;
    const at = run.step({ kind: 'tick' });

    expect(before).toEqual([]);
    expect(at).toEqual([{ kind: 'closed', requestId: first!.requestId, status: 'timed-out' }]);
    expect(run.state.open).toBeUndefined();
  });
});

describe('schedule policy', () => {
  it('fires once per matching minute, checked by clock ticks in UTC', () => {
    const run = runner(rules({ schedule: cron('0 3 * * *'), cooldownMs: 48 * HOUR }));
    const tick = (iso: string): readonly unknown[] => { run.now = Date.parse(iso); return run.requests(run.step({ kind: 'tick' })); };

    expect(tick('2026-11-28T02:59:50Z')).toEqual([]);
    const fired = tick('2026-11-28T03:00:20Z');
    expect(tick('2026-11-28T03:00:50Z')).toEqual([]);
    expect(fired).toMatchObject([{ reasons: [{ policy: 'schedule', detail: 'schedule "0 3 * * *" (UTC) fired at 2026-11-28T03:00:00Z', eventIds: [] }], trainFrom: null }]);
    expect(fired[0]).toMatchObject({ advice: expect.stringMatching(/^fine-tune: no drift triggered this request/) as unknown });
  });

  it('skips the cooldown but not an open request; a slot missed while the trigger was down fires once', () => {
    const run = runner(rules({ schedule: cron('0 3 * * *'), cooldownMs: 48 * HOUR }));
    const tick = (iso: string): ReturnType<typeof run.step> => { run.now = Date.parse(iso); return run.step({ kind: 'tick' }); };
    tick('2026-11-28T02:00:00Z');
    const [first] = run.requests(tick('2026-11-28T03:00:59Z'));

    const blocked = tick('2026-11-29T03:00:01Z');
    run.step({ kind: 'complete', requestId: first!.requestId, status: 'succeeded' });
    const late = tick('2026-12-02T11:00:00Z'); // down since 29 November: slots of 30 Nov, 1 and 2 Dec missed

    expect(blocked).toEqual([{ kind: 'suppressed', policy: 'schedule', cause: 'open-request' }]);
    expect(run.requests(late)).toMatchObject([{ reasons: [{ detail: 'schedule "0 3 * * *" (UTC) fired at 2026-12-02T03:00:00Z' }] }]);
  });
});

describe('new-labels policy', () => {
  it('fires after N labels since the last request and counts again from there', () => {
    const run = runner(rules({ newLabels: 1000, cooldownMs: HOUR }));
    run.labels = 999;
    const short = run.step({ kind: 'tick' });
    run.labels = 1200;
    const [first] = run.requests(run.step({ kind: 'tick' }));
    run.step({ kind: 'complete', requestId: first!.requestId, status: 'succeeded' });
    run.now = T0 + 2 * HOUR;
    run.labels = 2100;
    const notYet = run.step({ kind: 'tick' });
    run.labels = 2200;
    const [second] = run.requests(run.step({ kind: 'tick' }));

    expect(short).toEqual([]);
    expect(first?.reasons).toEqual([{ policy: 'new-labels', detail: '1200 new labels since the last request (threshold 1000)', eventIds: [] }]);
    expect(notYet).toEqual([]);
    expect(second?.reasons[0]?.detail).toBe('1000 new labels since the last request (threshold 1000)');
  });

  it('reports a suppressed condition once, and again only after it cleared', () => {
    const run = runner(rules({ newLabels: 10, cooldownMs: HOUR }));
    run.labels = 10;
    const [first] = run.requests(run.step({ kind: 'tick' }));
    run.step({ kind: 'complete', requestId: first!.requestId, status: 'succeeded' });
    run.labels = 25;

    const ticks = [run.step({ kind: 'tick' }), run.step({ kind: 'tick' }), run.step({ kind: 'tick' })];
    run.now = T0 + HOUR;
    const after = run.step({ kind: 'tick' });

    expect(ticks.flat()).toEqual([{ kind: 'suppressed', policy: 'new-labels', cause: 'cooldown' }]);
    expect(run.requests(after)).toHaveLength(1);
    expect(run.state.suppressed).toEqual([]);
  });

  it('puts every reason satisfied at once into one request', () => {
    const run = runner(rules({ newLabels: 10, schedule: cron('*/5 * * * *') }));
    run.labels = 10;
    run.now = Date.parse('2026-11-28T03:05:00Z');

    const outcomes = run.step({ kind: 'tick' });

    expect(run.requests(outcomes).map((r) => r.reasons.map((x) => x.policy))).toEqual([['schedule', 'new-labels']]);
  });
});

describe('on-demand requests and completion', () => {
  it('fires at once, skipping the cooldown, and answers a retry with the same key with the same request', () => {
    const run = runner(rules({ cooldownMs: 24 * HOUR }));
    const [drift] = run.requests(run.step({ kind: 'drift', event: driftEvent() }));
    run.step({ kind: 'complete', requestId: drift!.requestId, status: 'succeeded' });

    const [request] = run.requests(run.step({ kind: 'on-demand', reason: 'new features shipped', key: 'k1', version: '4' }));
    const retry = run.step({ kind: 'on-demand', reason: 'new features shipped', key: 'k1' });
    const other = run.step({ kind: 'on-demand', reason: 'again', key: 'k2' });

    expect(request).toMatchObject({ requestId: 'id(credit|on-demand|k1)', modelVersion: '4', reasons: [{ policy: 'on-demand', detail: 'new features shipped', eventIds: [] }], trainFrom: null });
    expect(retry).toEqual([{ kind: 'exists', requestId: 'id(credit|on-demand|k1)' }]);
    expect(other).toEqual([{ kind: 'refused', why: 'open-request', requestId: 'id(credit|on-demand|k1)' }]);
  });

  it('refuses when the spec disables on-demand requests', () => {
    const run = runner(rules({ onDemand: false }));

    expect(run.step({ kind: 'on-demand', reason: 'x', key: 'k' })).toEqual([{ kind: 'refused', why: 'on-demand-disabled' }]);
  });

  it('names the model version of the newest evidence: drift events or labels', () => {
    const versionNow = (labelVersion: { name: string; at: number }, key: string): string | undefined => {
      const run = runner(rules());
      run.step({ kind: 'drift', event: driftEvent({ severity: 'INFO' }) }); // version 3 at T0
      run.labelVersion = labelVersion;
      return run.requests(run.step({ kind: 'on-demand', reason: 'r', key }))[0]?.modelVersion;
    };

    expect(versionNow({ name: '5', at: T0 + HOUR }, 'a')).toBe('5');
    expect(versionNow({ name: '2', at: T0 - HOUR }, 'b')).toBe('3');
  });

  it('answers completion of an unknown request and of one closed already', () => {
    const run = runner(rules());
    const [request] = run.requests(run.step({ kind: 'on-demand', reason: 'r', key: 'k' }));

    expect(run.step({ kind: 'complete', requestId: 'nope', status: 'succeeded' })).toEqual([{ kind: 'refused', why: 'unknown-request' }]);
    expect(run.step({ kind: 'complete', requestId: request!.requestId, status: 'succeeded' })).toEqual([{ kind: 'closed', requestId: request!.requestId, status: 'succeeded' }]);
    expect(run.step({ kind: 'complete', requestId: request!.requestId, status: 'succeeded' })).toEqual([{ kind: 'exists', requestId: request!.requestId }]);
  });
});

describe('determinism', () => {
  it('gives a replay of the same input on the same state the same request', () => {
    const run = runner(rules({ drift: { minSeverity: 'WARNING', minFeatures: 2, sustainedForMs: 0 } }));
    run.step({ kind: 'drift', event: driftEvent() });
    const before = run.state;

    const first = run.step({ kind: 'drift', event: driftEvent({ feature: 'age' }) });
    run.state = before;
    const replay = run.step({ kind: 'drift', event: driftEvent({ feature: 'age' }) });

    expect(replay).toEqual(first);
    expect(run.requests(first)[0]?.requestId).toMatch(/^id\(credit\|0\|drift\|0\|e-age-/);
  });
});
