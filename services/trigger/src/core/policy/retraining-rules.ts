// A model's retraining policy, from the `retraining` block of its monitor spec (docs/monitor-spec.md),
// in the form the state machine uses.
import type { MonitorSpecDocument, Severity } from '@driftline/schemas';
import { parseCron } from '../cron/cron-expression.ts';
import type { CronExpression } from '../cron/cron-expression.ts';

export const RetrainPolicy = {
  ON_DEMAND: 'on-demand',
  SCHEDULE: 'schedule',
  NEW_LABELS: 'new-labels',
  DRIFT: 'drift',
} as const;
export type RetrainPolicy = (typeof RetrainPolicy)[keyof typeof RetrainPolicy];

export interface DriftRule {
  readonly minSeverity: Severity;
  /** K: drifting features needed at once. */
  readonly minFeatures: number;
  /** T: how long (event time) the condition must have held. */
  readonly sustainedForMs: number;
}

export interface RetrainingRules {
  readonly onDemand: boolean;
  readonly schedule?: CronExpression;
  /** N: new labels since the last request that call for one. */
  readonly newLabels?: number;
  readonly drift?: DriftRule;
  /** Least time between two automatic requests (wall clock). */
  readonly cooldownMs: number;
  /** Features the spec monitors (the N of "K of N features"). */
  readonly featureCount: number;
  /**
   * How long a drift signal counts as present after its last event (event time): two alert
   * cooldowns plus a window, since the detector reports a persisting drift once per cooldown.
   */
  readonly signalHoldMs: number;
}

/** The rules of a spec, and what could not be used (a schedule that is not a valid cron expression). */
export function toRetrainingRules(spec: MonitorSpecDocument): { rules: RetrainingRules; problems: string[] } {
  const { retraining } = spec;
  const problems: string[] = [];
  let schedule: CronExpression | undefined;
  if (retraining.schedule !== undefined) {
    const parsed = parseCron(retraining.schedule);
    if (parsed.ok) schedule = parsed.cron;
    else problems.push(`retraining.schedule ignored: ${parsed.problem}`);
  }
  const rules: RetrainingRules = {
    onDemand: retraining.onDemand,
    cooldownMs: retraining.cooldown,
    featureCount: spec.features.length,
    signalHoldMs: 2 * spec.alerts.cooldown + spec.windows.size,
    ...(schedule === undefined ? {} : { schedule }),
    ...(retraining.newLabels === undefined ? {} : { newLabels: retraining.newLabels }),
    ...(retraining.drift === undefined ? {} : { drift: { minSeverity: retraining.drift.minSeverity, minFeatures: retraining.drift.minFeatures, sustainedForMs: retraining.drift.sustainedFor } }),
  };
  return { rules, problems };
}
