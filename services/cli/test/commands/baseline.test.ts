import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBaselineDocument, parseReferenceProfile, toAccuracyCounts, toPearson } from '@driftline/stats';
import type { BaselineDocument } from '@driftline/stats';
import { runBaseline } from '../../src/commands/baseline.ts';
import { runReport } from '../../src/commands/report.ts';
import { toSampleRows } from '../report/sample-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'driftline-baseline-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

const specYaml = `modelId: credit
prediction: { type: binary, labels: [approve, decline] }
features:
  - { name: income, type: numeric, range: { min: 0 } }
  - { name: age, type: numeric, range: { min: 18, max: 120 } }
  - { name: employment, type: categorical, categories: [employed, retired, student] }
  - { name: has_card, type: boolean }
  - { name: email, type: categorical, pii: true }
slices: { keys: [region], maxValuesPerKey: 2 }
drift: { correction: bonferroni, minSamples: 50 }
`;

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

function writeJsonl(name: string, rows: ReturnType<typeof toSampleRows>): string {
  const file = join(dir, name);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  return file;
}

describe('driftline baseline', () => {
  it('writes overall, per-slice and prediction profiles that parse back, with no personal values', async () => {
    // Arrange
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, specYaml);
    const input = writeJsonl('train.jsonl', toSampleRows({ n: 900, seed: 1 }));
    const out = join(dir, 'profile.json');
    const stdout = collect();
    // Act
    const code = await runBaseline({ stdout: stdout.stream, stderr: collect().stream, now: () => Date.UTC(2026, 10, 27) }, { specFile: spec, input, out, bins: 10 });
    // Assert
    expect(code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const doc = JSON.parse(text) as BaselineDocument;
    expect(doc).toMatchObject({ kind: 'driftline-baseline', version: 1, modelId: 'credit', rows: 900, createdAt: '2026-11-27T00:00:00.000Z', sliceKeys: ['region'] });
    expect(Object.keys(doc.slices)).toEqual(['region=__other__', 'region=eu', 'region=us']);
    expect(parseReferenceProfile(doc.overall).rows).toBe(900);
    expect(parseReferenceProfile(doc.slices['region=eu']).rows).toBe(300);
    expect(doc.prediction?.stats['score']?.counts.count).toBe(900);
    expect(doc.overall.features['email']?.quality.total).toBe(900);
    expect(text).not.toContain('@example.com');
    expect(stdout.text()).toContain('900 rows, 3 slices');
  });

  it('records reference outcomes and feature-score correlations when the rows carry labels', async () => {
    // Arrange: Outcome-shaped rows (label beside features); the label agrees with the prediction 2 times in 3
    const rows = toSampleRows({ n: 600, seed: 3 }).map((r, i) => ({ ...r, label: i % 3 === 0 ? (r.prediction?.label === 'approve' ? 'decline' : 'approve') : r.prediction?.label }));
    const input = writeJsonl('train-labelled.jsonl', rows);
    const out = join(dir, 'profile-labelled.json');
    // Act
    const code = await runBaseline({ stdout: collect().stream, stderr: collect().stream, now: () => 0 }, { specFile: join(dir, 'spec.yaml'), input, out, bins: 10 });
    // Assert
    expect(code).toBe(0);
    const doc = parseBaselineDocument(JSON.parse(readFileSync(out, 'utf8')));
    const overall = doc.behaviour?.overall;
    expect(overall?.outcomes.n).toBe(600);
    expect(toAccuracyCounts(overall!.outcomes)).toEqual({ correct: 400, total: 600 });
    expect(doc.behaviour?.slices['region=eu']?.outcomes.n).toBe(200);
    expect(overall?.coMoments['income']?.n).toBe(600);
    expect(Math.abs(toPearson(overall!.coMoments['income']!) ?? 1)).toBeLessThan(0.2);
  });

  it('feeds driftline report, which flags the shifted feature', async () => {
    // Arrange: the profile of the previous test
    const spec = join(dir, 'spec.yaml');
    const profile = join(dir, 'profile.json');
    const current = writeJsonl('serving.jsonl', toSampleRows({ n: 600, seed: 2, shiftIncome: 1.7 }));
    const out = join(dir, 'report.html');
    const stdout = collect();
    // Act
    const code = await runReport({ stdout: stdout.stream, stderr: collect().stream, now: () => 0 }, { specFile: spec, reference: profile, current, out, bins: 10 });
    // Assert
    expect(code).toBe(0);
    expect(stdout.text()).toContain('drift in 1 of 4 features (income)');
    const model = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { summary: { driftedFeatures: string[] } };
    expect(model.summary.driftedFeatures).toEqual(['income']);
    expect(readFileSync(out, 'utf8')).toContain('<svg');
  });
});
