import { describe, expect, it } from 'vitest';
import { parseWindowSnapshot, toWindowFindings, windowInputErrorCodes } from '../../../src/core/window-findings/index.ts';
import { toSyntheticRows } from './support/synthetic-rows.ts';
import { toBaseline, toSpec, toWindows } from './support/window-fixtures.ts';

const spec = toSpec();
const baseline = toBaseline(spec, toSyntheticRows({ n: 1200, seed: 1 }));
const [window] = toWindows(spec, baseline, toSyntheticRows({ n: 300, seed: 2 }));

function errorOf(fn: () => unknown): { code?: unknown; message?: unknown; path?: unknown } {
  try {
    fn();
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown; context?: { path?: unknown } };
    return { code: e.code, message: e.message, path: e.context?.path };
  }
  return {};
}

describe('parseWindowSnapshot', () => {
  it('parses a window of the read API with its raw accumulators', () => {
    expect(window?.slice).toBe('overall');
    expect(window?.records).toBe(300);
    expect(window?.stats.features['income']?.counts.count).toBe(300);
    expect(window?.stats.quality['email']?.total).toBe(300);
    expect(window?.stats.outcomes.n).toBe(300);
    expect(window?.stats.coMoments['age']?.n).toBe(300);
  });

  it('names the JSON path of a broken accumulator', () => {
    const json = JSON.parse(JSON.stringify(window)) as { stats: { features: { age: { histogram: { counts: number[] } } } } };
    json.stats.features.age.histogram.counts.pop();
    expect(errorOf(() => parseWindowSnapshot(json, 'windows[3]'))).toEqual({
      code: windowInputErrorCodes.DL_DETECT_INVALID_WINDOW,
      message: 'windows[3].stats.features.age.histogram.counts: expected edges.length + 1 cells',
      path: 'windows[3].stats.features.age.histogram.counts',
    });
  });

  it('names the JSON path of a broken window field', () => {
    const json = { ...JSON.parse(JSON.stringify(window)) as object, records: -1 };
    expect(errorOf(() => parseWindowSnapshot(json))).toMatchObject({ code: 'DL_DETECT_INVALID_WINDOW', message: 'window.records: expected a non-negative integer' });
    const noScore = JSON.parse(JSON.stringify(window)) as { stats: { score?: unknown; outcomes: { errors?: unknown } } };
    noScore.stats.outcomes.errors = undefined;
    expect(errorOf(() => parseWindowSnapshot(noScore))).toMatchObject({ path: 'window.stats.outcomes.errors' });
  });

  it('refuses windows of different versions or starts in one call', () => {
    const other = { ...window!, start: window!.start + 300_000, end: window!.end + 300_000 };
    expect(errorOf(() => toWindowFindings({ spec, baseline, windows: [window!, other] }))).toMatchObject({ code: 'DL_DETECT_INVALID_WINDOW', path: 'windows[1]' });
  });
});
