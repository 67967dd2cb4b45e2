// The closing summary (pure): each injected incident against what was detected and how long after,
// the events that matched no incident, and the retrain requests; also as JSON for tests and CI.
import type { DemoState } from '../demo-state.ts';
import { toOtherEvents } from '../scenario/match-detections.ts';
import type { OtherEvents, SummaryRow } from '../scenario/match-detections.ts';
import { formatClock, formatDelay, formatSimOffset, paint } from './format.ts';
import { toMatchInput, toRows } from './live-view.ts';

export interface DemoSummary {
  readonly rows: readonly SummaryRow[];
  readonly others: readonly OtherEvents[];
  /** Every injected incident was detected, and every scheduled one was injected. */
  readonly allDetected: boolean;
}

export function toDemoSummary(state: DemoState): DemoSummary {
  const rows = toRows(state);
  const others = toOtherEvents(toMatchInput(state));
  return { rows, others, allDetected: rows.every((r) => r.detection !== undefined) };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)];
}

function toVerdict(summary: DemoSummary): string {
  const n = summary.rows.length;
  const detected = summary.rows.filter((r) => r.detection !== undefined).length;
  const missed = summary.rows.filter((r) => r.injectedAtMs !== undefined && r.detection === undefined).length;
  const notReached = summary.rows.filter((r) => r.injectedAtMs === undefined).length;
  return `${String(detected)} of ${String(n)} incidents detected${missed > 0 ? `, ${String(missed)} injected and not detected` : ''}${notReached > 0 ? `, ${String(notReached)} not reached` : ''}.`;
}

export function formatSummary(state: DemoState, summary: DemoSummary, options: { readonly color: boolean; readonly interrupted: boolean }): string {
  const { color } = options;
  const cells = summary.rows.map((r) => {
    const injected = r.injectedAtMs === undefined ? 'not reached' : `${formatClock(r.injectedAtMs - state.wallStartMs)} (sim ${formatSimOffset(r.incident.startMs - state.schedule.startMs)})`;
    const detected = r.detection?.what ?? (r.injectedAtMs === undefined ? '-' : 'NOT DETECTED');
    const delay = r.detection === undefined ? '-' : formatDelay(r.detection.delayMs, r.detection.simDelayMs);
    return [r.incident.title, injected, detected, delay];
  });
  const out = [
    paint(options.interrupted ? 'Summary so far (interrupted)' : 'Summary', 'bold', color), '',
    ...table(['incident', 'injected at', 'detected (event kind / slice / feature)', 'delay'], cells), '',
  ];
  const sideEffects = summary.others.filter((o) => o.during !== undefined);
  if (sideEffects.length > 0) {
    out.push('Also reported during an incident (its side effects, e.g. a slice whose error rates moved with its inputs):');
    const titleOf = (id: string | undefined): string => state.schedule.incidents.find((i) => i.id === id)?.title ?? '';
    for (const o of sideEffects) out.push(`  ${String(o.count).padStart(3)} × ${o.what}, during "${titleOf(o.during)}"`);
    out.push('');
  }
  const falseAlarms = summary.others.filter((o) => o.during === undefined);
  out.push(falseAlarms.length === 0 ? 'Reported outside every incident (false alarms): none' : 'Reported outside every incident (false alarms):');
  for (const o of falseAlarms) out.push(`  ${String(o.count).padStart(3)} × ${o.what}`);
  out.push('');
  out.push(`Retrain requests: ${String(state.retrains.length)}${state.retrains.map((r) => `\n  ${r.requestId.slice(0, 8)} ${r.reasons.map((x) => x.policy).join('+')}: ${r.advice.split(':')[0] ?? ''}`).join('')}`, '');
  out.push(summary.allDetected ? paint(`All ${String(summary.rows.length)} incidents detected.`, 'green', color) : paint(toVerdict(summary), 'red', color));
  return `${out.join('\n')}\n`;
}

/** The summary as JSON (times as wall-clock offsets from the start of the simulation). */
export function toSummaryJson(state: DemoState, summary: DemoSummary, extra: { readonly interrupted: boolean; readonly servicePids: readonly number[] }): unknown {
  return {
    runId: state.runId, topicPrefix: state.topicPrefix, interrupted: extra.interrupted, allDetected: summary.allDetected,
    options: state.options, servicePids: extra.servicePids,
    incidents: summary.rows.map((r) => ({
      id: r.incident.id, title: r.incident.title,
      injectedAtMs: r.injectedAtMs === undefined ? null : r.injectedAtMs - state.wallStartMs,
      detected: r.detection?.what ?? null, delayMs: r.detection?.delayMs ?? null, simDelayMs: r.detection?.simDelayMs ?? null,
    })),
    otherEvents: summary.others, driftEvents: state.events.length, retrainRequests: state.retrains.length,
  };
}
