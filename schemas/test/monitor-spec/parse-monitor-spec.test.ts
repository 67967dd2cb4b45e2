import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseMonitorSpec, toDurationMs } from '@driftline/schemas';

const example = parse(readFileSync(join(import.meta.dirname, '../../../docs/examples/credit-monitor.yaml'), 'utf8')) as Record<string, unknown>;
const minimal = { modelId: 'm', prediction: { type: 'regression' }, features: [{ name: 'x', type: 'numeric' }], windows: { size: '1m' }, alerts: { cooldown: '1m' } };

describe('parseMonitorSpec', () => {
  it('accepts the documented credit-scoring example and fills defaults', () => {
    // Act
    const result = parseMonitorSpec(example);

    // Assert
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.spec.windows.size).toBe(300_000);
    expect(result.spec.retraining.cooldown).toBe(86_400_000);
    expect(result.spec.features.find((f) => f.name === 'zip')?.pii).toBe(true);
    expect(result.spec.features.find((f) => f.name === 'age')?.pii).toBe(false);
  });

  it('accepts a minimal spec with every default', () => {
    const result = parseMonitorSpec(minimal);

    expect(result.ok && result.spec.drift).toEqual({ correction: 'benjamini-hochberg', alpha: 0.05, minSamples: 100 });
  });

  it('reports every problem at once, each with its path', () => {
    // Arrange
    const bad = {
      modelId: 'credit model',
      prediction: { type: 'binary', labels: ['a', 'b', 'c'] },
      features: [
        { name: 'age', type: 'numeric', range: { min: 10, max: 5 } },
        { name: 'age', type: 'categorical', range: { min: 0 } },
        { name: 'zip', type: 'categorical', pii: true },
      ],
      slices: { keys: ['zip'] },
      windows: { size: 'five minutes' },
      detectors: { features: [{ kind: 'ddm' }], errors: [{ kind: 'kswin' }] },
    };

    // Act
    const result = parseMonitorSpec(bad);

    // Assert: schema problems come first; cross-field ones once the shape is right
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(['modelId', 'windows.size']);
    const fixed = parseMonitorSpec({ ...bad, modelId: 'credit', windows: { size: '5m' } });
    expect(fixed.ok ? [] : fixed.problems.map((p) => p.path)).toEqual([
      'features[0].range', 'features[1].name', 'features[1].range', 'slices.keys[0]', 'prediction.labels',
      'detectors.errors[0].kind', 'detectors.features[0].kind',
    ]);
  });

  it('refuses unknown fields, so typos do not pass silently', () => {
    const result = parseMonitorSpec({ ...minimal, windowz: {} });

    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([expect.stringContaining('windowz')]);
  });

  it('refuses a p-value threshold that a multiple-testing correction would ignore', () => {
    const feature = { name: 'x', type: 'numeric', drift: { statistic: 'ks', threshold: 0.01 } };

    const corrected = parseMonitorSpec({ ...minimal, features: [feature] });
    const uncorrected = parseMonitorSpec({ ...minimal, features: [feature], drift: { correction: 'none' } });

    expect(corrected.ok ? [] : corrected.problems.map((p) => p.path)).toEqual(['features[0].drift.threshold']);
    expect(uncorrected.ok).toBe(true);
  });

  it('requires the alert cooldown to cover a window', () => {
    const result = parseMonitorSpec({ ...minimal, windows: { size: '10m' }, alerts: { cooldown: '5m' } });

    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['alerts.cooldown']);
  });
});

describe('toDurationMs', () => {
  it.each([['500ms', 500], ['30s', 30_000], ['5m', 300_000], ['1.5h', 5_400_000], ['7d', 604_800_000], ['2w', 1_209_600_000], [1234, 1234]])('reads %s as %d ms', (input, ms) => {
    expect(toDurationMs(input)).toBe(ms);
  });

  it.each(['5', '5 minutes', '-1s', 'm', ''])('refuses %j', (input) => {
    expect(toDurationMs(input)).toBeUndefined();
  });
});
