import { describe, expect, it } from 'vitest';
import { toLastClosedStart, toTopicWatermark } from '../../src/core/closed-windows.ts';

describe('closed windows', () => {
  it('takes the slowest partition of the topic, ignoring other topics and partitions without records', () => {
    const w = { 'predictions:0': { eventTime: 500 }, 'predictions:1': { eventTime: 300 }, 'predictions:2': { eventTime: null }, 'outcomes:0': { eventTime: 10 }, 'predictions:0:ts': { eventTime: 1 } };

    expect(toTopicWatermark(w, 'predictions')).toBe(300);
    expect(toTopicWatermark(w, 'labels')).toBeUndefined();
  });

  it('closes a window once the watermark is beyond its end plus grace', () => {
    // window [0, 100), grace 20: open at 120 (a record at 120 is still folded), closed at 121
    expect(toLastClosedStart(120, 100, 20)).toBe(-100);
    expect(toLastClosedStart(121, 100, 20)).toBe(0);
    expect(toLastClosedStart(220, 100, 20)).toBe(0);
    expect(toLastClosedStart(221, 100, 20)).toBe(100);
    expect(toLastClosedStart(undefined, 100, 20)).toBeUndefined();
  });
});
