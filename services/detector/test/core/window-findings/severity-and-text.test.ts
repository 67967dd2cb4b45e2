import { describe, expect, it } from 'vitest';
import { toMargin, toSeverity } from '../../../src/core/window-findings/severity.ts';
import { toCountText, toNumberText, toPercentText } from '../../../src/core/window-findings/text-format.ts';

describe('toSeverity', () => {
  it('bands distances, rates and drops at 1.5× and 2.5× the threshold', () => {
    expect([0.1, 0.149, 0.15, 0.249, 0.25].map((v) => toSeverity(v, 0.1, 'above'))).toEqual(['INFO', 'INFO', 'WARNING', 'WARNING', 'CRITICAL']);
  });

  it('bands p-values at a tenth and a thousandth of the threshold', () => {
    expect([0.05, 0.0051, 0.005, 0.0000501, 0.00005, 0].map((p) => toSeverity(p, 0.05, 'p-value'))).toEqual(['INFO', 'INFO', 'WARNING', 'WARNING', 'CRITICAL', 'CRITICAL']);
  });

  it('gives a margin of at least 1 exactly when the threshold is reached', () => {
    expect(toMargin(0.1, 0.1, 'above')).toBe(1);
    expect(toMargin(0.05, 0.05, 'p-value')).toBe(1);
    expect(toMargin(0.06, 0.05, 'p-value')).toBeLessThan(1);
    expect(toMargin(0, 0, 'above')).toBe(0);
  });
});

describe('text format', () => {
  it('writes numbers, shares and counts for people', () => {
    expect([1234567.8, 52.519, 0.012345, 0, -3.5e-9].map(toNumberText)).toEqual(['1,234,568', '52.52', '0.0123', '0', '-3.5e-9']);
    expect(toPercentText(0.1234)).toBe('12.3%');
    expect(toCountText(12000)).toBe('12,000');
  });
});
