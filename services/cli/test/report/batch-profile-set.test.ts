import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProfiles, toColumnTypes } from '../../src/commands/baseline.ts';
import { forEachRow, toInputFormat } from '../../src/input/read-rows.ts';
import { createProfileSet, recordProfileSetRow, startProfileSetPass2, toProfileSetResult } from '../../src/report/profile-set.ts';
import { testSpec } from '../input/batch-rows.ts';
import { createRng } from './sample-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'driftline-batch-profiles-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

/** Rows with every kind of trouble: missing and wrong-typed values, 400 cities, labels, slices. */
function toRows(n: number): Record<string, string | number | boolean | null>[] {
  const rng = createRng(5);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const score = rng() < 0.05 ? null : Math.round(rng() * 1000) / 1000;
    return {
      age: pick([null, 'n/a', -3, 130, Math.floor(18 + 60 * rng()), Math.floor(18 + 60 * rng()), 41.5]),
      income: rng() < 0.02 ? 'x' : Math.round(Math.exp(9 + 2 * rng()) * 100) / 100,
      status: pick(['a', 'b', 'c', null, 'a']),
      city: `c${String(Math.floor(400 * rng() * rng()))}`,
      flag: pick([true, false, true, null]),
      email: `p${String(i)}@example.com`,
      region: pick(['eu', 'us', 'apac', 'latam']),
      prediction_score: score,
      prediction_label: score === null ? null : score >= 0.5 ? 'decline' : 'approve',
      actual_label: rng() < 0.7 ? pick(['approve', 'decline', 'other']) : null,
    };
  });
}

const toCsvCell = (v: string | number | boolean | null | undefined): string => (v === null || v === undefined ? '' : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v));

function writeInputs(rows: readonly Record<string, string | number | boolean | null>[]): { csv: string; jsonl: string } {
  const header = Object.keys(rows[0] ?? {});
  const csv = join(dir, 'train.csv');
  writeFileSync(csv, `${header.join(',')}\n${rows.map((r) => header.map((h) => toCsvCell(r[h])).join(',')).join('\n')}\n`);
  const jsonl = join(dir, 'train.jsonl');
  writeFileSync(jsonl, rows.map((r, i) => {
    const { region, prediction_score: score, prediction_label: label, actual_label: actual, ...features } = r;
    const shaped = i % 2 === 0;
    return JSON.stringify(shaped ? { features, slice: { region }, prediction: { score, label }, label: actual } : { ...features, region, prediction_score: score, prediction_label: label, actual_label: actual });
  }).join('\n'));
  return { csv, jsonl };
}

/** The profiles as the row-based builder makes them (two passes over the rows). */
async function rowBased(file: string): Promise<string> {
  const set = createProfileSet(testSpec, { bins: 10 });
  const read = { format: toInputFormat(file), columnTypes: toColumnTypes(testSpec) };
  await forEachRow(file, read, (row) => { recordProfileSetRow(set, row); });
  startProfileSetPass2(set);
  await forEachRow(file, read, (row) => { recordProfileSetRow(set, row); });
  return JSON.stringify(toProfileSetResult(set));
}

describe('batch profile set', () => {
  const inputs = writeInputs(toRows(20_000));

  it.each([['CSV', 'csv'], ['JSONL', 'jsonl']] as const)('builds the same profiles, to the byte, as the row-based builder from %s (slices, prediction, outcomes)', async (_name, format) => {
    const file = inputs[format];
    const expected = await rowBased(file);
    for (const dictionaryCapacity of [65_536, 50]) {
      const { profiles, summary } = await buildProfiles({ file, spec: testSpec, bins: 10, stderr: new PassThrough(), dictionaryCapacity });
      expect(summary.rows).toBe(20_000);
      expect(JSON.stringify(profiles)).toBe(expected);
    }
    const parsed = JSON.parse(expected) as { slices: Record<string, unknown>; behaviour?: { overall: { outcomes: { n: number } } } };
    expect(Object.keys(parsed.slices)).toEqual(['flag=false', 'flag=true', 'region=__other__', 'region=apac', 'region=eu']);
    expect(parsed.behaviour?.overall.outcomes.n).toBeGreaterThan(10_000);
  });
});
