import type { DriftDetector } from '../core/detector.ts';

export interface DetectionScore {
  /** Known change points in the stream. */
  readonly changes: number;
  readonly detected: number;
  readonly missed: number;
  /** Detections not attributed to a change (before the first change, or not the first after one). */
  readonly falseAlarms: number;
  readonly falseAlarmsPerMillion: number;
  /** Delays (records from change to first detection) of the detected changes. */
  readonly delays: number[];
  /** Mean and median delay; undefined when nothing was detected. */
  readonly meanDelay: number | undefined;
  readonly medianDelay: number | undefined;
}

export interface ScoreOptions {
  /** Indices where the stream changes, ascending. */
  readonly changePoints: readonly number[];
  /** Stream length, for the false-alarm rate. */
  readonly length: number;
  /** A detection later than this after a change does not count for it. Default: until the next change. */
  readonly maxDelay?: number;
}

/**
 * Scores detection indices against known change points: the first detection within
 * [change, min(next change, change + maxDelay)) detects that change; every other detection is a
 * false alarm; a change with no such detection is missed.
 */
export function scoreDetections(detections: readonly number[], options: ScoreOptions): DetectionScore {
  const { changePoints, length, maxDelay = Infinity } = options;
  const delays: number[] = [];
  let falseAlarms = 0;
  let k = -1;
  let claimed = true;
  for (const d of detections) {
    while (k + 1 < changePoints.length && (changePoints[k + 1] ?? Infinity) <= d) {
      k++;
      claimed = false;
    }
    const change = k >= 0 ? (changePoints[k] ?? 0) : 0;
    if (!claimed && d - change < maxDelay) {
      delays.push(d - change);
      claimed = true;
    } else {
      falseAlarms++;
    }
  }
  const sorted = delays.toSorted((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    changes: changePoints.length,
    detected: delays.length,
    missed: changePoints.length - delays.length,
    falseAlarms,
    falseAlarmsPerMillion: length === 0 ? 0 : (falseAlarms / length) * 1e6,
    delays,
    meanDelay: delays.length === 0 ? undefined : delays.reduce((a, b) => a + b, 0) / delays.length,
    medianDelay: sorted.length === 0 ? undefined : sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2,
  };
}

export interface EvaluationOptions extends Omit<ScoreOptions, 'length'> {
  /** A fresh detector. */
  readonly detector: DriftDetector;
  readonly stream: ArrayLike<number>;
}

/** Feeds a stream to a detector and scores its drift signals against the known change points. */
export function evaluateDetector(options: EvaluationOptions): DetectionScore & { readonly detections: number[] } {
  const { detector, stream, ...rest } = options;
  const detections: number[] = [];
  for (let i = 0; i < stream.length; i++) {
    if (detector.update(stream[i] ?? Number.NaN).drift) detections.push(i);
  }
  return { ...scoreDetections(detections, { ...rest, length: stream.length }), detections };
}
