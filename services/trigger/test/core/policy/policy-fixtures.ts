// Builders for the policy tests: drift events, rules, a context and a runner that threads state.
import type { DriftEvent } from '@driftline/schemas';
import { initialPolicyState } from '../../../src/core/policy/policy-state.ts';
import type { PolicyState } from '../../../src/core/policy/policy-state.ts';
import type { RetrainingRules } from '../../../src/core/policy/retraining-rules.ts';
import { stepPolicy } from '../../../src/core/policy/step-policy.ts';
import type { PolicyContext, PolicyInput, PolicyOutcome } from '../../../src/core/policy/step-policy.ts';

export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;

export function driftEvent(overrides: Partial<DriftEvent> = {}): DriftEvent {
  const windowEnd = overrides.windowEnd ?? T0;
  return {
    eventId: `e-${overrides.feature ?? 'income'}-${windowEnd}-${overrides.slice ?? 'overall'}`, kind: 'DATA_DRIFT', modelId: 'credit', modelVersion: '3', slice: 'overall', feature: 'income',
    statistic: 'psi', value: 0.3, threshold: 0.2, windowStart: windowEnd - 5 * MIN, windowEnd, referenceProfileId: 'p1', referenceSize: 10_000, currentSize: 500,
    severity: 'WARNING', explanation: 'x', recommendedAction: 'y', detectedAt: windowEnd + 1000, traceparent: null, ...overrides,
  };
}

export function rules(overrides: Partial<RetrainingRules> = {}): RetrainingRules {
  return { onDemand: true, cooldownMs: 24 * HOUR, featureCount: 8, signalHoldMs: 65 * MIN, drift: { minSeverity: 'WARNING', minFeatures: 1, sustainedForMs: 0 }, ...overrides };
}

export interface Runner {
  state: PolicyState;
  now: number;
  labels: number;
  labelVersion: { name: string; at: number } | undefined;
  /** Applies one input at the current `now` and `labels`; returns its outcomes. */
  step(input: PolicyInput): readonly PolicyOutcome[];
  requests(outcomes: readonly PolicyOutcome[]): Extract<PolicyOutcome, { kind: 'request' }>['request'][];
}

export function runner(r: RetrainingRules, options: { openRequestTimeoutMs?: number } = {}): Runner {
  const run: Runner = {
    state: initialPolicyState(),
    now: T0,
    labels: 0,
    labelVersion: undefined,
    step(input) {
      const ctx: PolicyContext = { modelId: 'credit', rules: r, now: run.now, labels: { total: run.labels, ...(run.labelVersion === undefined ? {} : { version: run.labelVersion }) }, openRequestTimeoutMs: options.openRequestTimeoutMs ?? 48 * HOUR, toRequestId: (seed) => `id(${seed})` };
      const out = stepPolicy(run.state, input, ctx);
      run.state = out.state;
      return out.outcomes;
    },
    requests: (outcomes) => outcomes.flatMap((o) => (o.kind === 'request' ? [o.request] : [])),
  };
  return run;
}
