// The trigger's HTTP API (bearer token when API_TOKEN is set):
//   POST /v1/models/<model>/retrain-requests                 on-demand request {reason, key?, version?}
//   POST /v1/models/<model>/retrain-requests/<id>/complete   the retraining job closes its request {status?}
//   GET  /v1/models/<model>/retraining                       policy state: open request, cooldown, episode
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Route } from '@driftline/metrics';
import { nextCronMatch } from '../core/cron/cron-expression.ts';
import { initialPolicyState } from '../core/policy/policy-state.ts';
import type { RetrainingRules } from '../core/policy/retraining-rules.ts';
import type { PolicyInput, PolicyOutcome } from '../core/policy/step-policy.ts';
import type { RequestEmitter } from '../emit/request-emitter.ts';
import { triggerErrorCodes } from '../errors.ts';
import type { TriggerMetrics } from '../metrics.ts';
import { observeOutcomes } from '../policy/observe-outcomes.ts';
import type { PolicyRunner } from '../policy/run-policies.ts';
import type { Clock, DocumentStore, StateStore } from '../ports.ts';
import { parsePolicyDocument } from '../state/policy-state-codec.ts';
import { toLabelCounts } from '../state/trigger-keys.ts';
import type { TriggerKeys } from '../state/trigger-keys.ts';
import { readJsonBody } from './read-json-body.ts';

export interface RetrainRoutesDeps {
  readonly runPolicies: PolicyRunner;
  readonly emitter: Pick<RequestEmitter, 'deliver'>;
  readonly rulesOf: (modelId: string) => RetrainingRules | undefined;
  readonly documents: Pick<DocumentStore, 'getDocuments'>;
  readonly counters: Pick<StateStore, 'getHash'>;
  readonly keys: TriggerKeys;
  readonly metrics: Pick<TriggerMetrics, 'driftEvents' | 'closed' | 'suppressed'>;
  readonly now: Clock;
}

type Reply = { status: number; body: unknown };

const token = z.string().min(1).max(200).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
const onDemandBody = z.object({ reason: z.string().trim().min(1, 'give a reason').max(500), key: token.optional(), version: z.string().min(1).max(200).optional() });
const completeBody = z.object({ status: z.enum(['succeeded', 'failed']).default('succeeded') });

export function createRetrainRoutes(deps: RetrainRoutesDeps): Route[] {
  /** Runs one input for a model; the requests it makes are published before the reply. */
  const apply = async (modelId: string, input: PolicyInput): Promise<PolicyOutcome[]> => {
    const result = await deps.runPolicies({ inputs: new Map([[modelId, [input]]]) });
    observeOutcomes(result.outcomes, deps.metrics);
    await deps.emitter.deliver(result.emitted);
    return [...result.outcomes.get(modelId) ?? []];
  };

  const onDemand = async (modelId: string, body: unknown): Promise<Reply> => {
    const parsed = onDemandBody.safeParse(body);
    if (!parsed.success) return invalidBody(parsed.error);
    const { reason, key, version } = parsed.data;
    const outcomes = await apply(modelId, { kind: 'on-demand', reason, key: key ?? randomUUID(), ...(version === undefined ? {} : { version }) });
    for (const o of outcomes) {
      if (o.kind === 'request') return { status: 202, body: { status: 'requested', requestId: o.request.requestId, request: o.request } };
      if (o.kind === 'exists') return { status: 200, body: { status: 'exists', requestId: o.requestId } };
      if (o.kind === 'refused' && o.why === 'on-demand-disabled') return { status: 403, body: { error: `retraining.onDemand is false in the monitor spec of ${modelId}`, code: triggerErrorCodes.DL_TRIGGER_ON_DEMAND_DISABLED } };
      if (o.kind === 'refused' && o.why === 'open-request') return { status: 409, body: { error: `${modelId} has an open retrain request; complete it first (POST .../retrain-requests/<id>/complete)`, code: triggerErrorCodes.DL_TRIGGER_REQUEST_OPEN, openRequestId: o.requestId } };
    }
    throw new Error(`no decision for an on-demand request of ${modelId}`);
  };

  const complete = async (modelId: string, requestId: string, body: unknown): Promise<Reply> => {
    const parsed = completeBody.safeParse(body);
    if (!parsed.success) return invalidBody(parsed.error);
    const outcomes = await apply(modelId, { kind: 'complete', requestId, status: parsed.data.status });
    for (const o of outcomes) {
      if (o.kind === 'closed') return { status: 200, body: { status: o.status, requestId } };
      if (o.kind === 'exists') return { status: 200, body: { status: 'already-closed', requestId } };
    }
    return { status: 404, body: { error: `${requestId} is neither the open nor the last closed request of ${modelId}`, code: triggerErrorCodes.DL_TRIGGER_UNKNOWN_REQUEST } };
  };

  const status = async (modelId: string, rules: RetrainingRules): Promise<Reply> => {
    const key = deps.keys.policy(modelId);
    const [[doc], hash] = await Promise.all([deps.documents.getDocuments([key]), deps.counters.getHash(deps.keys.labels(modelId))]);
    const state = doc === undefined ? initialPolicyState() : parsePolicyDocument(doc.body, key);
    const labels = toLabelCounts(hash);
    const now = deps.now();
    const next = rules.schedule === undefined ? undefined : nextCronMatch(rules.schedule, now);
    return {
      status: 200,
      body: {
        modelId,
        policy: { onDemand: rules.onDemand, schedule: rules.schedule?.source ?? null, newLabels: rules.newLabels ?? null, drift: rules.drift ?? null, cooldownMs: rules.cooldownMs },
        open: state.open ?? null,
        lastClosed: state.lastClosed ?? null,
        lastRequestAt: state.lastRequestAt ?? null,
        cooldownUntil: state.lastRequestAt === undefined ? null : state.lastRequestAt + rules.cooldownMs,
        nextScheduledAt: next ?? null,
        labels: { total: labels.total, sinceLastRequest: labels.total - state.labelsAtLastRequest, latestVersion: labels.version?.name ?? null },
        driftEpisode: { eventClock: state.eventClock ?? null, signals: state.signals.map((s) => ({ key: s.key, decisive: s.decisive, firstSeen: s.firstSeen, lastSeen: s.lastSeen, changePoint: s.changePoint, eventIds: s.events.map((e) => e.eventId) })) },
        requests: state.requests,
      },
    };
  };

  const route = (method: 'GET' | 'POST'): Route => ({
    method,
    path: '/v1/models',
    handle: async (req, url) => {
      const [modelId, view, requestId, action, ...rest] = url.pathname.split('/').filter((p) => p !== '').slice(2).map(decodeURIComponent);
      const rules = modelId === undefined ? undefined : deps.rulesOf(modelId);
      if (modelId === undefined || rules === undefined) return { status: 404, body: { error: `no monitor spec for model ${modelId ?? ''}`, code: triggerErrorCodes.DL_TRIGGER_UNKNOWN_MODEL } };
      if (method === 'GET' && view === 'retraining' && requestId === undefined) return status(modelId, rules);
      if (method === 'POST' && view === 'retrain-requests' && rest.length === 0) {
        const body = await readJsonBody(req);
        if (!body.ok) return { status: 400, body: { error: body.problem, code: triggerErrorCodes.DL_TRIGGER_INVALID_BODY } };
        if (requestId === undefined) return onDemand(modelId, body.value);
        if (action === 'complete') return complete(modelId, requestId, body.value);
      }
      return { status: 404, body: { error: 'use POST /v1/models/<model>/retrain-requests[/<id>/complete] or GET /v1/models/<model>/retraining' } };
    },
  });
  return [route('POST'), route('GET')];
}

function invalidBody(error: z.ZodError): Reply {
  return { status: 400, body: { error: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '), code: triggerErrorCodes.DL_TRIGGER_INVALID_BODY } };
}
