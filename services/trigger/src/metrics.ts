// Trigger metrics (Prometheus naming; bounded labels only: policy, cause, result, outcome, status).
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

export interface TriggerMetrics {
  /** Retrain requests published, once per policy among their reasons. */
  readonly requests: Counter<'policy'>;
  /** Requests published again after a restart (the crash came between commit and publication). */
  readonly republished: Counter;
  /** Satisfied policies held back, counted once per condition (each schedule slot on its own). */
  readonly suppressed: Counter<'policy' | 'cause'>;
  /** Drift events consumed, by what became of them. */
  readonly driftEvents: Counter<'result'>;
  /** Outcomes counted as new labels. */
  readonly labels: Counter;
  /** Requests closed: succeeded, failed (by the retraining job) or timed-out. */
  readonly closed: Counter<'status'>;
  /** Webhook deliveries: delivered, failed (after every retry), rejected (4xx). */
  readonly webhook: Counter<'outcome'>;
  /** Webhook attempts that were retried. */
  readonly webhookRetries: Counter;
  /** Policy documents changed by someone else between read and commit (then read again). */
  readonly conflicts: Counter;
  /** Models with an open request, as of the last tick. */
  readonly open: Gauge;
}

export function createTriggerMetrics(registry: Registry): TriggerMetrics {
  const registers = [registry];
  return {
    requests: new Counter({ name: 'driftline_trigger_requests_total', help: 'Retrain requests published, once per policy among their reasons.', labelNames: ['policy'] as const, registers }),
    republished: new Counter({ name: 'driftline_trigger_republished_total', help: 'Retrain requests published after a restart, when the crash came between commit and publication.', registers }),
    suppressed: new Counter({ name: 'driftline_trigger_suppressed_total', help: 'Satisfied policies held back by the cooldown or an open request (once per condition).', labelNames: ['policy', 'cause'] as const, registers }),
    driftEvents: new Counter({ name: 'driftline_trigger_drift_events_total', help: 'Drift events consumed, by result (used, duplicate, below-severity, ignored-kind, no-drift-policy, unmonitored).', labelNames: ['result'] as const, registers }),
    labels: new Counter({ name: 'driftline_trigger_labels_total', help: 'Outcomes counted as new labels of monitored models.', registers }),
    closed: new Counter({ name: 'driftline_trigger_requests_closed_total', help: 'Retrain requests closed, by status (succeeded, failed, timed-out).', labelNames: ['status'] as const, registers }),
    webhook: new Counter({ name: 'driftline_trigger_webhook_deliveries_total', help: 'Webhook deliveries by outcome (delivered, failed, rejected); failed and rejected ones are dead-lettered.', labelNames: ['outcome'] as const, registers }),
    webhookRetries: new Counter({ name: 'driftline_trigger_webhook_retries_total', help: 'Webhook attempts that failed and were retried.', registers }),
    conflicts: new Counter({ name: 'driftline_trigger_state_conflicts_total', help: 'Policy documents changed by another commit between read and commit (read again).', registers }),
    open: new Gauge({ name: 'driftline_trigger_open_requests', help: 'Models with an open retrain request, as of the last tick.', registers }),
  };
}
