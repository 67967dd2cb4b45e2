import { describe, expect, it } from 'vitest';
import { DETECTOR_ERROR_CODES, DetectorError, isDetectorError } from '../src/index.ts';

describe('isDetectorError', () => {
  it('recognises errors by code, also plain copies from another package instance', () => {
    const err = new DetectorError('DL_DETECTOR_INVALID_INPUT', 'bad', { kind: 'adwin', value: Number.NaN });
    expect(isDetectorError(err)).toBe(true);
    expect(isDetectorError({ code: 'DL_DETECTOR_UNKNOWN_KIND' })).toBe(true);
    expect([err.retriable, err.name, err.context.kind]).toEqual([false, 'DetectorError', 'adwin']);
  });

  it('rejects other errors and values', () => {
    expect(isDetectorError(new Error('x'))).toBe(false);
    expect(isDetectorError({ code: 'DL_STATS_SOMETHING' })).toBe(false);
    expect(isDetectorError(null)).toBe(false);
    expect(DETECTOR_ERROR_CODES.every((c) => c.startsWith('DL_DETECTOR_'))).toBe(true);
  });
});
