import { describe, expect, it } from 'vitest';
import { Cusum, evaluateDetector, scoreDetections } from '../../src/index.ts';

describe('scoreDetections', () => {
  it('counts the first detection after each change, false alarms and misses', () => {
    const score = scoreDetections([50, 1010, 1020, 3500], { changePoints: [1000, 2000, 3000], length: 1_000_000 });
    expect(score).toMatchObject({ changes: 3, detected: 2, missed: 1, falseAlarms: 2, delays: [10, 500], meanDelay: 255, medianDelay: 255, falseAlarmsPerMillion: 2 });
  });

  it('treats detections later than maxDelay as false alarms', () => {
    const score = scoreDetections([1500], { changePoints: [1000], length: 2000, maxDelay: 200 });
    expect(score).toMatchObject({ detected: 0, missed: 1, falseAlarms: 1, meanDelay: undefined });
  });
});

describe('evaluateDetector', () => {
  it('runs a detector over a stream and scores it', () => {
    const stream = [...Array<number>(100).fill(0), 10, ...Array<number>(99).fill(0)];
    const report = evaluateDetector({ detector: new Cusum({ mean: 0, std: 1 }), stream, changePoints: [100] });
    expect(report).toMatchObject({ detections: [100], detected: 1, missed: 0, falseAlarms: 0, medianDelay: 0 });
  });
});
