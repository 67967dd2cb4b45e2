// The live terminal view (pure: state in, lines out). A TTY gets a full frame redrawn in place;
// anything else gets one status line now and then, plus each feed line as it happens.
import { DemoPhase, toSimTime } from '../demo-state.ts';
import type { DemoState, FeedLine, Tone } from '../demo-state.ts';
import { DETECTION_SLACK_MS, isActive } from '../scenario/schedule.ts';
import { toSummaryRows } from '../scenario/match-detections.ts';
import type { MatchInput, SummaryRow } from '../scenario/match-detections.ts';
import { fit, formatClock, formatCount, formatDelay, formatRate, formatSimOffset, paint, toColumns } from './format.ts';
import type { Style } from './format.ts';

const TONE_STYLE: Readonly<Record<Tone, Style>> = { incident: 'magenta', drift: 'yellow', retrain: 'cyan', erasure: 'blue', info: 'dim' };
const TONE_TAG: Readonly<Record<Tone, string>> = { incident: 'INCIDENT', drift: 'DRIFT', retrain: 'RETRAIN', erasure: 'ERASURE', info: 'INFO' };

export function toMatchInput(state: DemoState): MatchInput {
  return {
    schedule: state.schedule, injectedAt: state.injectedAt, events: state.events, receipts: state.receipts,
    erasurePseudonym: state.erasurePseudonym, slackMs: DETECTION_SLACK_MS, simAt: (wallMs) => toSimTime(state, wallMs),
  };
}

export function toRows(state: DemoState): SummaryRow[] {
  return toSummaryRows(toMatchInput(state));
}

/** When (wall-clock offset from the start of the simulation) an event time is reached. */
function toWallOffset(state: DemoState, eventMs: number): number {
  return (eventMs - state.schedule.startMs) / state.options.speed;
}

function incidentLine(state: DemoState, row: SummaryRow, color: boolean): string {
  const planned = formatClock(row.injectedAtMs === undefined ? toWallOffset(state, row.incident.startMs) : row.injectedAtMs - state.wallStartMs).padStart(5);
  if (row.detection !== undefined) {
    return `  ${paint('✓', 'green', color)} ${planned}  ${row.incident.title.padEnd(52)} ${paint(`${row.detection.what} after ${formatDelay(row.detection.delayMs, row.detection.simDelayMs)}`, 'green', color)}`;
  }
  if (row.injectedAtMs === undefined) return `  ${paint('·', 'dim', color)} ${planned}  ${paint(row.incident.title.padEnd(52), 'dim', color)} scheduled`;
  const active = isActive(row.incident, state.simNowMs) ? 'active, ' : '';
  return `  ${paint('●', 'yellow', color)} ${planned}  ${row.incident.title.padEnd(52)} ${paint(`${active}waiting for a detection`, 'yellow', color)}`;
}

export function formatFeedLine(state: DemoState, line: FeedLine, color: boolean): string {
  const at = formatClock(line.atMs - state.wallStartMs).padStart(5);
  return `${at}  ${paint(TONE_TAG[line.tone].padEnd(8), TONE_STYLE[line.tone], color)} ${line.text}`;
}

function header(state: DemoState, nowMs: number, color: boolean): string {
  const elapsed = state.phase === DemoPhase.SETTING_UP ? 0 : nowMs - state.wallStartMs;
  const phase = state.paused ? `${state.phase}, paused: the services are catching up` : state.phase;
  return `${paint('Driftline demo', 'bold', color)}  run ${state.runId}  ${paint(phase, state.paused ? 'yellow' : 'cyan', color)}  wall ${formatClock(elapsed)} / ${formatClock(state.options.durationS * 1000)}`
    + `  simulated ${formatSimOffset(state.simNowMs - state.schedule.startMs)} (${String(state.options.speed)}×, ${formatCount(state.options.ratePerMinute)} predictions/sim-min)`;
}

function traffic(state: DemoState): string {
  const rates = state.lag?.topicRates;
  const rate = (role: string): string => formatRate(rates?.get(`${state.topicPrefix}${role}`) ?? 0);
  return `predictions ${rate('predictions')}/s   labels ${rate('labels')}/s   outcomes ${rate('outcomes')}/s   produced ${formatCount(state.produced.predictions)} + ${formatCount(state.produced.labels)} labels`
    + `   labels due later ${formatCount(state.pendingLabels)}   drift events ${String(state.events.length)}   retrain requests ${String(state.retrains.length)}`;
}

/** The full frame for a terminal of `width` × `height`. */
export function renderFrame(state: DemoState, nowMs: number, size: { readonly width: number; readonly height: number; readonly color: boolean }): string[] {
  const { color } = size;
  const lines: string[] = [header(state, nowMs, color), paint(`topics ${state.topicPrefix}*   logs ${state.logDir}   Ctrl-C stops`, 'dim', color), ''];
  lines.push(paint('Traffic (records/s appended to the topics)', 'bold', color), `  ${traffic(state)}`, '');
  lines.push(paint('Consumer lag (records behind the end of the topics they read)', 'bold', color));
  const groups = state.lag?.groups ?? [];
  lines.push(...toColumns([['group', 'lag', 'records/s'], ...groups.map((g) => [g.label, formatCount(g.lag), formatRate(g.perSecond)])]).map((l) => `  ${l}`), '');
  lines.push(paint('Incidents (wall-clock time injected, or planned)', 'bold', color), ...toRows(state).map((r) => incidentLine(state, r, color)), '');
  lines.push(paint('Events, newest first', 'bold', color));
  const room = Math.max(3, size.height - lines.length - 1);
  lines.push(...state.feed.slice(-room).reverse().map((f) => `  ${formatFeedLine(state, f, color)}`));
  return lines.map((l) => fit(l, size.width));
}

/** One line for logs and CI (no TTY). */
export function renderStatusLine(state: DemoState, nowMs: number): string {
  const lag = (state.lag?.groups ?? []).map((g) => `${g.label} ${formatCount(g.lag)}`).join(', ');
  const detected = toRows(state).filter((r) => r.detection !== undefined).length;
  return `${formatClock(nowMs - state.wallStartMs).padStart(5)}  STATUS   ${state.phase}${state.paused ? ' (paused: the services are catching up)' : ''}, simulated ${formatSimOffset(state.simNowMs - state.schedule.startMs)}; ${traffic(state)}; lag: ${lag}; incidents detected ${String(detected)}/${String(state.schedule.incidents.length)}`;
}
