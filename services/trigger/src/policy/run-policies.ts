// Runs the pure state machine over a set of models and commits the result atomically: every changed
// policy document (optimistic versions), the offset watermark of the consumed chunk (if any) and an
// outbox entry per new request, leased to this process. On a version conflict (another instance, a
// tick or an HTTP call committed first) it reads again and recomputes, so every decision is made on
// the state it is committed on, and a crash before the commit leaves nothing behind.
import { createHash } from 'node:crypto';
import { redisStateErrorCodes } from '@driftline/redis-state';
import type { CommitResult, DocumentCommit, DocumentStore, OutboxEntry, StateStore } from '@driftline/redis-state';
import { initialPolicyState } from '../core/policy/policy-state.ts';
import type { PolicyState } from '../core/policy/policy-state.ts';
import type { RetrainingRules } from '../core/policy/retraining-rules.ts';
import { stepPolicy } from '../core/policy/step-policy.ts';
import type { PolicyInput, PolicyOutcome } from '../core/policy/step-policy.ts';
import { toOutboxValue } from '../emit/outbox-record.ts';
import type { OutboxRecord } from '../emit/outbox-record.ts';
import { TriggerError, triggerErrorCodes } from '../errors.ts';
import type { TriggerMetrics } from '../metrics.ts';
import type { Clock } from '../ports.ts';
import { parsePolicyDocument, toPolicyDocument } from '../state/policy-state-codec.ts';
import { toLabelCounts } from '../state/trigger-keys.ts';
import type { TriggerKeys } from '../state/trigger-keys.ts';

export interface PolicyRunnerDeps {
  readonly documents: Pick<DocumentStore, 'getDocuments' | 'commit'>;
  readonly counters: Pick<StateStore, 'getHash'>;
  readonly keys: TriggerKeys;
  readonly rulesOf: (modelId: string) => RetrainingRules | undefined;
  readonly now: Clock;
  readonly openRequestTimeoutMs: number;
  /** How long this process holds a new request's outbox entry before a sweep may take it over. */
  readonly leaseMs: number;
  /** End offsets of the retrain-requests topic, the mark of new requests. */
  readonly marks: () => Promise<ReadonlyMap<number, string>>;
  readonly metrics: Pick<TriggerMetrics, 'conflicts'>;
  /** Commit attempts before DL_TRIGGER_STATE_CONFLICT (default 20). */
  readonly attempts?: number;
}

export interface PolicyRun {
  /** Inputs per model, applied in order; models without rules are skipped. */
  readonly inputs: ReadonlyMap<string, readonly PolicyInput[]>;
  readonly watermark?: DocumentCommit['watermark'];
}

export interface PolicyRunResult {
  /** 'replayed': the watermark already covered the chunk; nothing was decided. */
  readonly status: CommitResult;
  readonly outcomes: ReadonlyMap<string, readonly PolicyOutcome[]>;
  /** Each model's state after the run. */
  readonly states: ReadonlyMap<string, PolicyState>;
  /** Requests committed by this run (their outbox entries are leased to this process). */
  readonly emitted: readonly OutboxRecord[];
}

export type PolicyRunner = (run: PolicyRun) => Promise<PolicyRunResult>;

/** A request id: 32 hex digits of SHA-256 of the seed. */
export function toRequestId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

export function createPolicyRunner(deps: PolicyRunnerDeps): PolicyRunner {
  const attempts = deps.attempts ?? 20;

  const attempt = async (run: PolicyRun): Promise<PolicyRunResult> => {
    const models = [...run.inputs.keys()].filter((m) => deps.rulesOf(m) !== undefined);
    const keys = models.map((m) => deps.keys.policy(m));
    const [docs, labelHashes] = await Promise.all([deps.documents.getDocuments(keys), Promise.all(models.map((m) => deps.counters.getHash(deps.keys.labels(m))))]);
    const now = deps.now();
    const outcomes = new Map<string, PolicyOutcome[]>();
    const states = new Map<string, PolicyState>();
    const writes: DocumentCommit['writes'][number][] = [];
    for (const [i, modelId] of models.entries()) {
      const rules = deps.rulesOf(modelId);
      const key = keys[i] ?? '';
      const doc = docs[i];
      if (rules === undefined) continue;
      let state = doc === undefined ? initialPolicyState() : parsePolicyDocument(doc.body, key);
      const out: PolicyOutcome[] = [];
      const labels = toLabelCounts(labelHashes[i] ?? {});
      for (const input of run.inputs.get(modelId) ?? []) {
        const step = stepPolicy(state, input, { modelId, rules, now, labels, openRequestTimeoutMs: deps.openRequestTimeoutMs, toRequestId });
        state = step.state;
        out.push(...step.outcomes);
      }
      outcomes.set(modelId, out);
      states.set(modelId, state);
      const body = toPolicyDocument(state);
      if (body !== doc?.body) writes.push({ key, expectVersion: doc?.version ?? 0, body });
    }
    const requests = [...outcomes.values()].flat().flatMap((o) => (o.kind === 'request' ? [o] : []));
    const mark = requests.length === 0 ? {} : Object.fromEntries([...await deps.marks()].map(([p, offset]) => [String(p), offset]));
    const emitted: OutboxRecord[] = requests.map((r) => ({ request: r.request, mark, published: false, ...(r.traceparent === undefined ? {} : { traceparent: r.traceparent }), ...(r.links === undefined ? {} : { links: r.links }) }));
    const outbox: OutboxEntry[] = emitted.map((e) => ({ key: deps.keys.outbox, field: e.request.requestId, value: toOutboxValue(e), leaseUntil: now + deps.leaseMs }));
    if (writes.length === 0 && run.watermark === undefined) return { status: 'applied', outcomes, states, emitted: [] };
    const status = await deps.documents.commit({ writes, outbox, ...(run.watermark === undefined ? {} : { watermark: run.watermark }) });
    return status === 'applied' ? { status, outcomes, states, emitted } : { status, outcomes: new Map(), states: new Map(), emitted: [] };
  };

  return async (run) => {
    for (let i = 1; ; i++) {
      try {
        return await attempt(run);
      } catch (error) {
        if (!isDocumentConflict(error)) throw error;
        deps.metrics.conflicts.inc();
        if (i >= attempts) {
          throw new TriggerError({ code: triggerErrorCodes.DL_TRIGGER_STATE_CONFLICT, retriable: true, message: `policy documents changed under ${attempts} commit attempts in a row`, context: { attempts }, cause: error });
        }
      }
    }
  };
}

function isDocumentConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === redisStateErrorCodes.DL_STATE_DOCUMENT_CONFLICT;
}
