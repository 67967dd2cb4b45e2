// The detector's metrics: bounded labels (topic, kind, severity, pass, and the model id of a monitor
// spec, which operators choose), never a slice, a feature value or a record's id.
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { DriftKind, Severity } from '@driftline/schemas';

export interface DetectorMetrics {
  readonly observed: Counter<'topic'>;
  readonly unmonitored: Counter<'topic'>;
  readonly detections: Counter<'source'>;
  readonly events: Counter<'model' | 'kind' | 'severity'>;
  readonly suppressed: Counter<'kind'>;
  readonly replayed: Counter;
  readonly rewinds: Counter<'topic'>;
  readonly checkpointSeconds: Histogram;
  readonly windowsEvaluated: Counter<'pass'>;
  readonly evaluationErrors: Counter;
  readonly streams: Gauge;
  /**
   * Creates a monitored model's drift-event series at zero (every kind and severity), so that
   * Prometheus sees its first event as an increase (deploy/prometheus/rules/drift.yml).
   */
  modelMonitored(modelId: string): void;
}

export function createDetectorMetrics(registry: Registry): DetectorMetrics {
  const registers = [registry];
  const events = new Counter({ name: 'driftline_detector_drift_events_total', help: 'Drift events published, by model id (operator-chosen, one per monitor spec), kind and severity.', labelNames: ['model', 'kind', 'severity'] as const, registers });
  return {
    observed: new Counter({ name: 'driftline_detector_records_observed_total', help: 'Records fed to the streaming detectors.', labelNames: ['topic'] as const, registers }),
    unmonitored: new Counter({ name: 'driftline_detector_unmonitored_records_total', help: 'Records of models without a monitor spec (skipped).', labelNames: ['topic'] as const, registers }),
    detections: new Counter({ name: 'driftline_detector_detections_total', help: 'Times a streaming detector fired (before attribution, cooldown and dedup).', labelNames: ['source'] as const, registers }),
    events,
    suppressed: new Counter({ name: 'driftline_detector_suppressed_findings_total', help: 'Findings not published because their scope (or a slice explaining them) had an event within the cooldown.', labelNames: ['kind'] as const, registers }),
    replayed: new Counter({ name: 'driftline_detector_replayed_findings_total', help: 'Findings of a replay whose event was already published (not published again).', registers }),
    rewinds: new Counter({ name: 'driftline_detector_rewinds_total', help: 'Partitions re-read from their checkpoint because the committed offset was ahead of it.', labelNames: ['topic'] as const, registers }),
    checkpointSeconds: new Histogram({ name: 'driftline_detector_checkpoint_duration_seconds', help: 'Time to write one partition checkpoint to Redis.', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1], registers }),
    windowsEvaluated: new Counter({ name: 'driftline_detector_windows_evaluated_total', help: 'Closed windows tested against the reference (pass: inputs or outcomes).', labelNames: ['pass'] as const, registers }),
    evaluationErrors: new Counter({ name: 'driftline_detector_evaluation_errors_total', help: 'Window evaluations that failed (retried on the next tick).', registers }),
    streams: new Gauge({ name: 'driftline_detector_streams', help: 'Streams (model, version, slice, feature) with detector state in this instance.', registers }),
    modelMonitored(modelId) {
      for (const kind of Object.values(DriftKind)) for (const severity of Object.values(Severity)) events.inc({ model: modelId, kind, severity }, 0);
    },
  };
}
