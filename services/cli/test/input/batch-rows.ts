// Test support: a row batch over a small spec, and its rows as plain records, so tests can compare
// what the fast CSV reader wrote with what the row reader gives through `appendInputRow`.
import { categoryCodes } from '@driftline/stats';
import type { FeatureSpec, ProfileColumn } from '@driftline/stats';
import type { MonitorSpecDocument } from '@driftline/schemas';
import { createRowBatch } from '../../src/input/row-batch.ts';
import type { RowBatch } from '../../src/input/row-batch.ts';
import { toFeatureSpec, toPredictionSpecs } from '../../src/report/feature-specs.ts';
import { createBehaviourRecorder, toOutcome } from '../../src/report/reference-behaviour.ts';
import { toSpec } from '../report/sample-data.ts';

/** A spec with every kind of column: ranges, declared and open categories, booleans, personal data, slices, a classifier. */
export const testSpec = toSpec({
  modelId: 'm',
  prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' },
  features: [
    { name: 'age', type: 'numeric', range: { min: 0, max: 120 } },
    { name: 'income', type: 'numeric' },
    { name: 'status', type: 'categorical', categories: ['a', 'b'] },
    { name: 'city', type: 'categorical' },
    { name: 'flag', type: 'boolean' },
    { name: 'email', type: 'categorical', pii: true },
  ],
  slices: { keys: ['region', 'flag'], maxValuesPerKey: 2 },
});

/** A batch for `spec` whose slice codes are the slice values themselves, numbered by first sight. */
export function createTestBatch(spec: MonitorSpecDocument, options: { capacity: number; dictionaryCapacity: number }): { batch: RowBatch; sliceValues: string[] } {
  const sliceValues: string[] = [];
  const specs: FeatureSpec[] = spec.features.map(toFeatureSpec);
  const behaviour = createBehaviourRecorder(spec);
  const batch = createRowBatch({
    specs, predictionSpecs: toPredictionSpecs(spec), sliceKeys: spec.slices.keys, capacity: options.capacity, dictionaryCapacity: options.dictionaryCapacity,
    toSliceCode: (key, value) => {
      const id = `${String(key)}=${value}`;
      const known = sliceValues.indexOf(id);
      if (known >= 0) return known;
      sliceValues.push(id);
      return sliceValues.length - 1;
    },
    toOutcome: (row) => toOutcome(behaviour, row),
  });
  return { batch, sliceValues };
}

function toValue(column: ProfileColumn, r: number): unknown {
  if (column.kind === 'numeric') {
    const x = column.values[r] ?? Number.NaN;
    if (column.wrongType[r] === 1) return { wrongType: true };
    return Number.isNaN(x) ? undefined : x;
  }
  const code = column.codes[r] ?? categoryCodes.missing;
  if (code === categoryCodes.missing) return undefined;
  if (code === categoryCodes.wrongType) return { wrongType: true };
  if (code === categoryCodes.notInDictionary) return { notInDictionary: column.keepOverflow ? column.overflow[r] : '(not kept)' };
  return column.dictionary.values[code];
}

/** The rows of `batch` as records (slice codes named by `sliceValues`). */
export function toBatchRecords(batch: RowBatch, sliceValues: readonly string[]): Record<string, unknown>[] {
  return Array.from({ length: batch.size }, (_, r) => ({
    ...Object.fromEntries(batch.specs.map((s, i) => [s.name, batch.features[i] === undefined ? 'no column' : toValue(batch.features[i], r)])),
    slices: batch.sliceCodes.map((codes) => ((codes[r] ?? -1) < 0 ? undefined : sliceValues[codes[r] ?? 0])),
    prediction: batch.hasPrediction[r] === 1 ? batch.prediction.map((c) => toValue(c, r)) : undefined,
    outcome: batch.outcomes[r],
  }));
}
