// The world behaves as the scenario says: a good model on a normal day, and each incident changes
// what it should (large samples with a fixed seed, so the bounds are far from chance).
import { describe, expect, it } from 'vitest';
import { POSITIVE_LABEL, drawApplicant, drawOutcome, toPredictedLabel, toScore, toSentFeatures } from './credit-model.ts';
import type { Applicant, WorldChanges } from './credit-model.ts';
import { createRandom } from './random.ts';

interface Rates { readonly accuracy: number; readonly fnr: number; readonly meanIncome: number; readonly n: number }

function rates(changes: WorldChanges, keep: (a: Applicant) => boolean = () => true, n = 40_000): Rates {
  const random = createRandom(11);
  let correct = 0; let fn = 0; let positives = 0; let income = 0; let kept = 0;
  for (let i = 0; i < n; i++) {
    const a = drawApplicant(random, changes);
    const predicted = toPredictedLabel(toScore(toSentFeatures(a, changes)));
    const actual = drawOutcome(random, a, changes);
    if (!keep(a)) continue;
    kept++;
    income += a.features.income;
    if (predicted === actual) correct++;
    if (actual === POSITIVE_LABEL) { positives++; if (predicted !== POSITIVE_LABEL) fn++; }
  }
  return { accuracy: correct / kept, fnr: fn / positives, meanIncome: income / kept, n: kept };
}

describe('the credit world', () => {
  const normal = rates({});

  it('has a useful, calibrated model on a normal day', () => {
    expect(normal.accuracy).toBeGreaterThan(0.77);
    expect(normal.accuracy).toBeLessThan(0.84);
  });

  it('data drift: lower incomes in the south only', () => {
    const south = (a: Applicant): boolean => a.region === 'south';
    const shifted = { incomeShift: { region: 'south', factor: 0.7 } } as const;
    expect(rates(shifted, south).meanIncome / rates({}, south).meanIncome).toBeCloseTo(0.7, 1);
    const north = (a: Applicant): boolean => a.region === 'north';
    expect(rates(shifted, north).meanIncome).toBeCloseTo(rates({}, north).meanIncome, 6);
  });

  it('producer bug: app records arrive without credit_lines, others with it', () => {
    const random = createRandom(3);
    const changes = { missingCreditLines: { channel: 'app' } } as const;
    for (let i = 0; i < 500; i++) {
      const a = drawApplicant(random, changes);
      expect('credit_lines' in toSentFeatures(a, changes)).toBe(a.channel !== 'app');
      expect(a.features.credit_lines).toBeTypeOf('number');
    }
  });

  it('concept drift: accuracy falls by more than 8 points with the inputs unchanged', () => {
    const drifted = rates({ debtIrrelevant: true });
    expect(normal.accuracy - drifted.accuracy).toBeGreaterThan(0.08);
    expect(drifted.meanIncome).toBeCloseTo(normal.meanIncome, 6);
  });

  it('hidden risk in the east: its false-negative rate rises by more than 0.15', () => {
    const east = (a: Applicant): boolean => a.region === 'east';
    expect(rates({ hiddenRisk: { region: 'east', logit: 2.5 } }, east).fnr - rates({}, east).fnr).toBeGreaterThan(0.15);
  });
});
