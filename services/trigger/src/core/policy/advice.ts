// Training advice from the drift behind a request: where the training window should start (the
// earliest change point of the triggering signals; null, keep all data, when no drift triggered the
// request) and whether fine-tuning the current model is enough or it should be retrained from
// scratch. Fine-tune when the drift is small and narrow: no concept drift, every triggering event
// below FINE_TUNE_MAX_RATIO times its threshold, and at most a quarter of the features drifting.
import { toIsoUtc } from '../cron/utc-time.ts';
import { toNumberText } from './format-text.ts';
import type { DriftSignal, SignalEvent } from './policy-state.ts';

export const FINE_TUNE_MAX_RATIO = 2;
/** Statistics whose value is a p-value: smaller means more drift. */
const P_VALUE_STATISTICS: readonly string[] = ['ks', 'chi-square', 'z-test'];

/**
 * How far past its threshold an event is (1 = at the threshold). Distances: value / threshold.
 * p-values: log(p) / log(alpha), so p = alpha² is 2× (a p-value measures evidence, not size, and
 * its logarithm grows with the sample and the shift alike).
 */
export function toDriftRatio(e: Pick<SignalEvent, 'statistic' | 'value' | 'threshold'>): number {
  if (P_VALUE_STATISTICS.includes(e.statistic)) {
    if (!(e.threshold > 0 && e.threshold < 1)) return Number.POSITIVE_INFINITY;
    return e.value <= 0 ? Number.POSITIVE_INFINITY : Math.max(0, Math.log(Math.min(e.value, 1)) / Math.log(e.threshold));
  }
  return e.threshold > 0 ? Math.abs(e.value) / e.threshold : Number.POSITIVE_INFINITY;
}

/** `psi 0.41 vs threshold 0.2 (2.1×)` or `ks p-value 1e-6 vs alpha 0.05 (4.6× in log scale)`. */
export function toSizeText(e: SignalEvent): string {
  const ratio = toNumberText(toDriftRatio(e));
  return P_VALUE_STATISTICS.includes(e.statistic)
    ? `${e.statistic} p-value ${toNumberText(e.value)} vs alpha ${toNumberText(e.threshold)} (${ratio}× in log scale)`
    : `${e.statistic} ${toNumberText(e.value)} vs threshold ${toNumberText(e.threshold)} (${ratio}×)`;
}

export interface Advice {
  readonly trainFrom: number | null;
  readonly advice: string;
}

export function toAdvice(triggering: readonly DriftSignal[], featureCount: number): Advice {
  if (triggering.length === 0) {
    return { trainFrom: null, advice: 'fine-tune: no drift triggered this request, so there is no change point to cut at; train on all data' };
  }
  const trainFrom = Math.min(...triggering.map((s) => s.changePoint));
  const events = triggering.flatMap((s) => s.events);
  const largest = events.reduce((a, b) => (toDriftRatio(b) > toDriftRatio(a) ? b : a));
  const ratio = toDriftRatio(largest);
  const concept = triggering.some((s) => s.key === '#CONCEPT_DRIFT');
  const features = triggering.filter((s) => !s.decisive).length;
  const few = Math.max(1, Math.floor(featureCount / 4));
  const window = `train on data from ${toIsoUtc(trainFrom)} (the earliest detected change point)`;
  const size = `largest: ${toSizeText(largest)}`;
  if (!concept && ratio < FINE_TUNE_MAX_RATIO && features <= few) {
    return { trainFrom, advice: `fine-tune: the drift is small (${size}, below ${FINE_TUNE_MAX_RATIO}×) and narrow (${features} of ${featureCount} features); start from the current model and ${window}` };
  }
  const why = concept
    ? 'the relationship between features and labels changed (concept drift), so what the model learnt no longer holds'
    : ratio >= FINE_TUNE_MAX_RATIO
      ? `the drift is large (${size}, at least ${FINE_TUNE_MAX_RATIO}×)`
      : `the drift is broad (${features} of ${featureCount} features, more than a quarter)`;
  return { trainFrom, advice: `retrain-from-scratch: ${why}; ${window} and leave out older data` };
}
