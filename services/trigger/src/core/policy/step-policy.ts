// The retraining state machine of one model: a pure step from (state, input, context) to the new
// state and what happened. Inputs: a drift event, a clock tick (schedule, new labels, open-request
// timeout), an on-demand request, a completion. Nothing fires while a request is open; drift and
// new labels also wait out the cooldown since the last request, while the schedule and on-demand
// requests (plans made by people) skip it. Request ids are derived from the inputs and the state,
// so a replay of the same inputs on the same state yields the same id.
import type { DriftEvent, RetrainReason, RetrainRequest } from '@driftline/schemas';
import { latestCronMatch } from '../cron/cron-expression.ts';
import { MINUTE_MS, toIsoUtc } from '../cron/utc-time.ts';
import { toAdvice, toSizeText } from './advice.ts';
import { addToEpisode, evaluateEpisode, toEventAdmission, toSignalEvent } from './drift-episode.ts';
import type { EpisodeVerdict } from './drift-episode.ts';
import { toDurationText } from './format-text.ts';
import { MAX_SEEN_EVENTS, RequestStatus } from './policy-state.ts';
import type { DriftSignal, PolicyState } from './policy-state.ts';
import { RetrainPolicy } from './retraining-rules.ts';
import type { RetrainingRules } from './retraining-rules.ts';

export type PolicyInput =
  | { readonly kind: 'drift'; readonly event: DriftEvent }
  | { readonly kind: 'tick' }
  /** `key` makes a retried call recognisable (the CLI sends one per invocation). */
  | { readonly kind: 'on-demand'; readonly reason: string; readonly key: string; readonly version?: string }
  | { readonly kind: 'complete'; readonly requestId: string; readonly status: 'succeeded' | 'failed' };

export interface PolicyContext {
  readonly modelId: string;
  readonly rules: RetrainingRules;
  /** Wall clock, epoch ms. */
  readonly now: number;
  /** The model's outcomes counted so far, and the latest model version among them (label event time). */
  readonly labels: { readonly total: number; readonly version?: { readonly name: string; readonly at: number } };
  /** An open request older than this is closed as timed out. */
  readonly openRequestTimeoutMs: number;
  /** Deterministic id from a seed (a hash; injected because pure code has no crypto). */
  readonly toRequestId: (seed: string) => string;
}

export type DriftEventResult = 'used' | 'duplicate' | 'no-drift-policy' | 'ignored-kind' | 'below-severity';
export type BlockCause = 'cooldown' | 'open-request';

export type PolicyOutcome =
  /** `traceparent`: the newest triggering event's trace context; `links`: the other triggering events' (docs/tracing.md). */
  | { readonly kind: 'request'; readonly request: RetrainRequest; readonly traceparent?: string; readonly links?: readonly string[] }
  | { readonly kind: 'suppressed'; readonly policy: RetrainPolicy; readonly cause: BlockCause }
  | { readonly kind: 'closed'; readonly requestId: string; readonly status: RequestStatus }
  | { readonly kind: 'drift-event'; readonly result: DriftEventResult }
  /** An on-demand request or a completion that is refused; `requestId` names the open request when that is why. */
  | { readonly kind: 'refused'; readonly why: 'on-demand-disabled' | 'open-request' | 'unknown-request'; readonly requestId?: string }
  /** A retried on-demand call, or a completion of a request already closed: nothing to do. */
  | { readonly kind: 'exists'; readonly requestId: string };

export interface PolicyStep {
  readonly state: PolicyState;
  readonly outcomes: readonly PolicyOutcome[];
}

interface PendingReason {
  readonly policy: RetrainPolicy;
  readonly detail: string;
  readonly seed: string;
  readonly verdict?: EpisodeVerdict;
}

type Draft = { -readonly [K in keyof PolicyState]: PolicyState[K] };

export function stepPolicy(state: PolicyState, input: PolicyInput, ctx: PolicyContext): PolicyStep {
  const s: Draft = { ...state };
  const outcomes: PolicyOutcome[] = [];
  switch (input.kind) {
    case 'drift': onDrift(s, input.event, ctx, outcomes); break;
    case 'tick': onTick(s, ctx, outcomes); break;
    case 'on-demand': onDemand(s, input, ctx, outcomes); break;
    case 'complete': onComplete(s, input, ctx, outcomes); break;
  }
  return { state: s, outcomes };
}

function onDrift(s: Draft, event: DriftEvent, ctx: PolicyContext, outcomes: PolicyOutcome[]): void {
  if (s.seenEventIds.includes(event.eventId)) { outcomes.push({ kind: 'drift-event', result: 'duplicate' }); return; }
  s.seenEventIds = [...s.seenEventIds, event.eventId].slice(-MAX_SEEN_EVENTS);
  if (s.version === undefined || event.windowEnd >= s.version.at) s.version = { name: event.modelVersion, at: event.windowEnd };
  const rule = ctx.rules.drift;
  const result: DriftEventResult = rule === undefined ? 'no-drift-policy' : toEventAdmission(event, rule);
  outcomes.push({ kind: 'drift-event', result });
  const reasons: PendingReason[] = [];
  if (rule !== undefined && result === 'used') {
    const clock = Math.max(s.eventClock ?? event.windowEnd, event.windowEnd);
    s.eventClock = clock;
    s.signals = addToEpisode(s.signals, toSignalEvent(event), { holdMs: ctx.rules.signalHoldMs, clock });
    const verdict = evaluateEpisode(s.signals, clock, rule);
    if (verdict !== undefined) reasons.push(toDriftReason(verdict, ctx, s.requests));
  }
  const labels = toLabelsReason(s, ctx);
  if (labels !== undefined) reasons.push(labels);
  decide(s, reasons, result === 'used' ? [RetrainPolicy.DRIFT, RetrainPolicy.NEW_LABELS] : [RetrainPolicy.NEW_LABELS], ctx, outcomes);
}

function onTick(s: Draft, ctx: PolicyContext, outcomes: PolicyOutcome[]): void {
  if (s.open !== undefined && ctx.now >= s.open.createdAt + ctx.openRequestTimeoutMs) {
    outcomes.push({ kind: 'closed', requestId: s.open.requestId, status: RequestStatus.TIMED_OUT });
    s.lastClosed = { requestId: s.open.requestId, closedAt: ctx.now, status: RequestStatus.TIMED_OUT };
    delete s.open;
  }
  const reasons: PendingReason[] = [];
  const { schedule } = ctx.rules;
  if (schedule !== undefined) {
    const minute = Math.floor(ctx.now / MINUTE_MS) * MINUTE_MS;
    const after = s.scheduleCheckedUntil ?? minute - MINUTE_MS;
    if (minute > after) {
      s.scheduleCheckedUntil = minute;
      const slot = latestCronMatch(schedule, { after, atOrBefore: minute });
      if (slot !== undefined) {
        reasons.push({ policy: RetrainPolicy.SCHEDULE, detail: `schedule "${schedule.source}" (UTC) fired at ${toIsoUtc(slot)}`, seed: `${RetrainPolicy.SCHEDULE}|${slot}` });
      }
    }
  }
  const labels = toLabelsReason(s, ctx);
  if (labels !== undefined) reasons.push(labels);
  decide(s, reasons, [RetrainPolicy.NEW_LABELS], ctx, outcomes);
}

function onDemand(s: Draft, input: Extract<PolicyInput, { kind: 'on-demand' }>, ctx: PolicyContext, outcomes: PolicyOutcome[]): void {
  if (!ctx.rules.onDemand) { outcomes.push({ kind: 'refused', why: 'on-demand-disabled' }); return; }
  const requestId = ctx.toRequestId(`${ctx.modelId}|${RetrainPolicy.ON_DEMAND}|${input.key}`);
  if (s.open?.requestId === requestId || s.lastClosed?.requestId === requestId) { outcomes.push({ kind: 'exists', requestId }); return; }
  if (s.open !== undefined) { outcomes.push({ kind: 'refused', why: 'open-request', requestId: s.open.requestId }); return; }
  fire(s, [{ policy: RetrainPolicy.ON_DEMAND, detail: input.reason, seed: '' }], ctx, outcomes, { requestId, ...(input.version === undefined ? {} : { version: input.version }) });
}

function onComplete(s: Draft, input: Extract<PolicyInput, { kind: 'complete' }>, ctx: PolicyContext, outcomes: PolicyOutcome[]): void {
  if (s.open?.requestId === input.requestId) {
    s.lastClosed = { requestId: input.requestId, closedAt: ctx.now, status: input.status };
    delete s.open;
    outcomes.push({ kind: 'closed', requestId: input.requestId, status: input.status });
  } else if (s.lastClosed?.requestId === input.requestId) {
    outcomes.push({ kind: 'exists', requestId: input.requestId });
  } else {
    outcomes.push({ kind: 'refused', why: 'unknown-request' });
  }
}

function toLabelsReason(s: Draft, ctx: PolicyContext): PendingReason | undefined {
  const needed = ctx.rules.newLabels;
  const fresh = ctx.labels.total - s.labelsAtLastRequest;
  if (needed === undefined || fresh < needed) return undefined;
  return { policy: RetrainPolicy.NEW_LABELS, detail: `${fresh} new labels since the last request (threshold ${needed})`, seed: `${RetrainPolicy.NEW_LABELS}|${s.labelsAtLastRequest}` };
}

function toDriftReason(verdict: EpisodeVerdict, ctx: PolicyContext, requests: number): PendingReason {
  const rule = ctx.rules.drift;
  const features = verdict.triggering.filter((t) => !t.decisive).length;
  const parts = verdict.triggering.map(describeSignal);
  const count = features > 0 ? `${features} of ${ctx.rules.featureCount} features drifting (at least ${rule?.minFeatures ?? 1} needed)` : 'the model got worse';
  const detail = `${count}, sustained ${toDurationText(verdict.sustainedMs)} (at least ${toDurationText(rule?.sustainedForMs ?? 0)}): ${parts.join('; ')}`;
  const ids = verdict.triggering.flatMap((t) => t.events.map((e) => e.eventId)).sort();
  return { policy: RetrainPolicy.DRIFT, detail, seed: `${RetrainPolicy.DRIFT}|${requests}|${ids.join(',')}`, verdict };
}

function describeSignal(signal: DriftSignal): string {
  const latest = signal.events.at(-1);
  if (latest === undefined) return signal.key;
  const name = signal.decisive ? latest.kind.toLowerCase().replace('_', ' ') : signal.key;
  const slices = [...new Set(signal.events.map((e) => e.slice))].join(', ');
  return `${name}: ${toSizeText(latest)}, ${latest.severity}, slice ${slices}`;
}

/**
 * Fires one request holding every satisfied reason when at least one of them may fire, else
 * reports them suppressed (once per condition; each schedule slot on its own). Nothing fires while
 * a request is open; the schedule, a plan made by people like an on-demand request, skips the
 * cooldown, which damps the reactive policies (drift, new labels).
 */
function decide(s: Draft, reasons: readonly PendingReason[], evaluated: readonly RetrainPolicy[], ctx: PolicyContext, outcomes: PolicyOutcome[]): void {
  const satisfied = new Set(reasons.map((r) => r.policy));
  s.suppressed = s.suppressed.filter((p) => !evaluated.includes(p) || satisfied.has(p));
  if (reasons.length === 0) return;
  const cooling = s.lastRequestAt !== undefined && ctx.now < s.lastRequestAt + ctx.rules.cooldownMs;
  const causeOf = (policy: RetrainPolicy): BlockCause | undefined =>
    s.open !== undefined ? 'open-request' : cooling && policy !== RetrainPolicy.SCHEDULE ? 'cooldown' : undefined;
  if (reasons.some((r) => causeOf(r.policy) === undefined)) { fire(s, reasons, ctx, outcomes, {}); return; }
  for (const r of reasons) {
    const cause = causeOf(r.policy) ?? 'cooldown';
    if (r.policy === RetrainPolicy.SCHEDULE) { outcomes.push({ kind: 'suppressed', policy: r.policy, cause }); continue; }
    if (s.suppressed.includes(r.policy)) continue;
    s.suppressed = [...s.suppressed, r.policy];
    outcomes.push({ kind: 'suppressed', policy: r.policy, cause });
  }
}

function fire(s: Draft, reasons: readonly PendingReason[], ctx: PolicyContext, outcomes: PolicyOutcome[], options: { requestId?: string; version?: string }): void {
  const triggering = reasons.flatMap((r) => r.verdict?.triggering ?? []);
  const requestId = options.requestId ?? ctx.toRequestId(`${ctx.modelId}|${s.requests}|${reasons.map((r) => r.seed).join('|')}`);
  const { trainFrom, advice } = toAdvice(triggering, ctx.rules.featureCount);
  const events = triggering.flatMap((t) => t.events).sort((a, b) => a.windowEnd - b.windowEnd);
  const newest = events.at(-1);
  const traced = events.flatMap((e) => (e.traceparent === undefined ? [] : [e.traceparent]));
  const traceparent = traced.at(-1);
  const links = [...new Set(traced)].filter((t) => t !== traceparent);
  const request: RetrainRequest = {
    requestId,
    modelId: ctx.modelId,
    modelVersion: options.version ?? newest?.modelVersion ?? toLatestVersion(s, ctx) ?? 'unknown',
    reasons: reasons.map((r): RetrainReason => ({ policy: r.policy, detail: r.detail, eventIds: r.verdict === undefined ? [] : r.verdict.triggering.flatMap((t) => t.events.map((e) => e.eventId)) })),
    trainFrom,
    trainTo: null,
    advice,
    createdAt: ctx.now,
  };
  s.requests += 1;
  s.lastRequestAt = ctx.now;
  s.open = { requestId, createdAt: ctx.now, policies: reasons.map((r) => r.policy) };
  s.labelsAtLastRequest = ctx.labels.total;
  s.suppressed = [];
  const used = new Set(triggering.map((t) => t.key));
  s.signals = s.signals.filter((sig) => !used.has(sig.key));
  outcomes.push({ kind: 'request', request, ...(traceparent === undefined ? {} : { traceparent }), ...(links.length === 0 ? {} : { links }) });
}

function toLatestVersion(s: Draft, ctx: PolicyContext): string | undefined {
  const fromLabels = ctx.labels.version;
  if (fromLabels === undefined) return s.version?.name;
  return s.version === undefined || fromLabels.at >= s.version.at ? fromLabels.name : s.version.name;
}
