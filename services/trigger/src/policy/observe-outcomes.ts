// Metrics of what the state machine decided (requests are counted when published, by the emitter).
import type { PolicyOutcome } from '../core/policy/step-policy.ts';
import type { TriggerMetrics } from '../metrics.ts';

export function observeOutcomes(outcomes: ReadonlyMap<string, readonly PolicyOutcome[]>, metrics: Pick<TriggerMetrics, 'driftEvents' | 'closed' | 'suppressed'>): void {
  for (const list of outcomes.values()) {
    for (const o of list) {
      if (o.kind === 'drift-event') metrics.driftEvents.inc({ result: o.result });
      else if (o.kind === 'suppressed') metrics.suppressed.inc({ policy: o.policy, cause: o.cause });
      else if (o.kind === 'closed') metrics.closed.inc({ status: o.status });
    }
  }
}
