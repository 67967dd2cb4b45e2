// `driftline baseline --spec spec.yaml --input train.jsonl|train.csv --out profile.json`: the
// reference profile (overall, per slice, prediction) in two streaming passes over the file, with
// memory bounded by features × slices, not by rows. Format: docs/report.md.
import { basename } from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { BaselineDocument } from '@driftline/stats';
import type { MonitorSpecDocument } from '@driftline/schemas';
import { estimateRows } from '../input/estimate-rows.ts';
import { forEachRow, toInputFormat } from '../input/read-rows.ts';
import type { ReadSummary } from '../input/read-rows.ts';
import type { CsvColumnType } from '../input/parse-csv.ts';
import type { InputRow } from '../input/input-row.ts';
import { createProfileSet, recordProfileSetRow, startProfileSetPass2, toProfileSetResult } from '../report/profile-set.ts';
import type { ProfileSetResult } from '../report/profile-set.ts';
import { stringOption, UsageError } from './command.ts';
import type { OptionValues } from './command.ts';
import { loadMonitorSpecFile } from './monitor.ts';
import { createProgress } from './progress.ts';

/** Histogram bins between reference quantiles (20 gives readable charts; PSI uses them too). */
export const DEFAULT_BINS = 20;

/** A string option the command cannot run without. */
export function requireOption(values: OptionValues, name: string, command: string): string {
  const value = stringOption(values, name);
  if (value === undefined) throw new UsageError(`${command} needs --${name}`);
  return value;
}

/** CSV column types from the spec (features by type; the prediction score and the actual value are numeric). */
export function toColumnTypes(spec: MonitorSpecDocument): Map<string, CsvColumnType> {
  return new Map<string, CsvColumnType>([...spec.features.map((f) => [f.name, f.type] as const), ['prediction_score', 'numeric'], ['actual_value', 'numeric']]);
}

/** Streams `file` once with a progress bar on `stderr`; reports bad lines there too. */
export async function streamFile(
  options: { file: string; spec: MonitorSpecDocument; label: string; stderr: NodeJS.WritableStream },
  onRow: (row: InputRow) => void,
): Promise<ReadSummary> {
  const progress = createProgress({ total: estimateRows(options.file), label: options.label, out: options.stderr });
  let ticked = 0;
  const summary = await forEachRow(options.file, {
    format: toInputFormat(options.file),
    columnTypes: toColumnTypes(options.spec),
    onProgress: (_bytes, rows) => { progress.tick(rows - ticked); ticked = rows; },
  }, onRow);
  progress.tick(summary.rows - ticked);
  progress.done();
  for (const line of summary.firstBad) options.stderr.write(`${options.file}: ${line}\n`);
  if (summary.badLines > summary.firstBad.length) options.stderr.write(`${options.file}: ... ${summary.badLines} bad lines in all (skipped)\n`);
  return summary;
}

/** Builds the profiles of `file` in two streaming passes. */
export async function buildProfiles(options: { file: string; spec: MonitorSpecDocument; bins: number; stderr: NodeJS.WritableStream }): Promise<{ profiles: ProfileSetResult; summary: ReadSummary }> {
  const set = createProfileSet(options.spec, { bins: options.bins });
  const name = basename(options.file);
  const onRow = (row: InputRow): void => { recordProfileSetRow(set, row); };
  await streamFile({ ...options, label: `${name} pass 1/2 (sketches, ~total)` }, onRow);
  startProfileSetPass2(set);
  const summary = await streamFile({ ...options, label: `${name} pass 2/2 (histograms)` }, onRow);
  return { profiles: toProfileSetResult(set), summary };
}

export async function runBaseline(
  deps: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; now: () => number },
  options: { specFile: string; input: string; out: string; bins: number },
): Promise<number> {
  const spec = loadMonitorSpecFile(options.specFile, deps.stderr);
  if (spec === undefined) return 1;
  const started = performance.now();
  const { profiles, summary } = await buildProfiles({ file: options.input, spec, bins: options.bins, stderr: deps.stderr });
  if (summary.rows === 0) {
    deps.stderr.write(`${options.input}: no rows; nothing to profile\n`);
    return 1;
  }
  const document: BaselineDocument = {
    kind: 'driftline-baseline', version: 1, modelId: spec.modelId, createdAt: new Date(deps.now()).toISOString(),
    source: { file: basename(options.input), format: toInputFormat(options.input) },
    rows: summary.rows, skippedLines: summary.badLines, bins: options.bins,
    sliceKeys: spec.slices.keys, maxValuesPerKey: spec.slices.maxValuesPerKey,
    ...profiles,
  };
  await writeFile(options.out, `${JSON.stringify(document)}\n`);
  const seconds = (performance.now() - started) / 1000;
  deps.stdout.write(
    `wrote ${options.out}: ${summary.rows} rows, ${Object.keys(profiles.slices).length} slices, ` +
    `${spec.features.length} features in ${seconds.toFixed(1)} s (${Math.round(summary.rows / seconds)} rows/s over two passes)\n`,
  );
  return 0;
}
