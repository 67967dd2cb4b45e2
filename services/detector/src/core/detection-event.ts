// A streaming detection as a DriftEvent draft (everything but the id and the detection time): the
// kind from the stream, the size of the change in the feature's own units, a severity, and a
// sentence and an action a person on call can use (docs/detector.md, "Streaming events").
import { DriftKind, Severity } from '@driftline/schemas';
import type { DriftEvent } from '@driftline/schemas';
import type { DetectorModel } from './detector-model.ts';
import { SCORE } from './detector-model.ts';
import { OVERALL, StreamSource } from './partition-streams.ts';
import type { Detection } from './partition-streams.ts';
import { toIsoTime } from './iso-time.ts';

export type EventDraft = Omit<DriftEvent, 'eventId' | 'detectedAt'>;

const names: Record<string, string> = { 'adwin': 'ADWIN', 'page-hinkley': 'Page-Hinkley', 'kswin': 'KSWIN', 'ddm': 'DDM', 'eddm': 'EDDM', 'hddm-a': 'HDDM-A', 'hddm-w': 'HDDM-W', 'cusum': 'CUSUM' };

export function toDetectionDraft(d: Detection, model: DetectorModel): EventDraft {
  const where = d.slice === OVERALL ? 'across all traffic' : `in slice ${d.slice}`;
  const detector = names[d.firing.detector] ?? d.firing.detector;
  const since = toIsoTime(d.firing.changeStart);
  const common = {
    modelId: d.modelId, modelVersion: d.version, slice: d.slice, statistic: d.firing.detector, threshold: d.firing.parameter,
    windowStart: Math.min(d.firing.changeStart, d.eventTime), windowEnd: d.eventTime, referenceProfileId: model.profileId,
    referenceSize: model.referenceRows.get(d.slice) ?? model.referenceRows.get(OVERALL) ?? 0, currentSize: d.firing.span,
    traceparent: d.traceparent ?? null,
  };
  if (d.source === StreamSource.ERRORS) {
    const drop = d.firing.after - d.firing.before;
    const limit = model.spec.alerts.performanceDrop;
    return {
      ...common, kind: DriftKind.CONCEPT_DRIFT, feature: null, value: drop,
      severity: drop >= 2 * limit ? Severity.CRITICAL : drop >= limit ? Severity.WARNING : Severity.INFO,
      explanation: `${detector} saw the error rate of model ${d.modelId} v${d.version} ${where} move from ${pct(d.firing.before)} to ${pct(d.firing.after)} in labelled outcomes; the change started around ${since}.`,
      recommendedAction: `Retrain with labelled data after ${since}${d.slice === OVERALL ? '' : `, making sure slice ${d.slice} is well represented`}; until then collect labels for ${d.slice === OVERALL ? 'all slices' : `slice ${d.slice}`} to confirm.`,
    };
  }
  const name = d.source === StreamSource.PREDICTION ? SCORE : d.feature ?? SCORE;
  const scale = model.scales.get(name);
  const toUnits = (z: number): number => (scale === undefined ? z : scale.mean + z * scale.std);
  const effect = d.firing.effect;
  const severity = effect >= 1 ? Severity.CRITICAL : effect >= 0.5 ? Severity.WARNING : Severity.INFO;
  const moved = `from ${num(toUnits(d.firing.before))} to ${num(toUnits(d.firing.after))} (${effect.toFixed(2)} standard deviations)`;
  if (d.source === StreamSource.PREDICTION) {
    return {
      ...common, kind: DriftKind.PREDICTION_DRIFT, feature: null, value: effect, severity,
      explanation: `${detector} saw the mean prediction score of model ${d.modelId} v${d.version} ${where} move ${moved}; the change started around ${since}.`,
      recommendedAction: `Look for data-drift events on the inputs ${where} since ${since}; if none explains it, check the model deployment (version ${d.version}) and collect labels ${where} to see whether accuracy changed.`,
    };
  }
  return {
    ...common, kind: DriftKind.DATA_DRIFT, feature: d.feature, value: effect, severity,
    explanation: `${detector} saw the mean of feature ${d.feature ?? ''} ${where} move ${moved}; the change started around ${since}.`,
    recommendedAction: `Check the upstream producer of ${d.feature ?? ''} for ${d.slice === OVERALL ? 'all' : d.slice} records since ${since}; if the change is real, retrain with data after ${since}.`,
  };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function num(x: number): string {
  return Math.abs(x) >= 1000 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}
