// `driftline baseline --spec spec.yaml --input train.jsonl|train.csv --out profile.json`: the
// reference profile (overall, per slice, prediction): one streaming pass over the file and one over
// a binary spill of its numeric columns, with memory bounded by features × slices, not by rows.
// Format: docs/report.md.
import { basename } from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { BaselineDocument } from '@driftline/stats';
import type { MonitorSpecDocument } from '@driftline/schemas';
import { estimateRows } from '../input/estimate-rows.ts';
import { createColumnSpill, readSpillBatches, removeColumnSpill, writeSpillBatch } from '../input/column-spill.ts';
import { forEachBatch } from '../input/read-batches.ts';
import { forEachRow, toInputFormat } from '../input/read-rows.ts';
import type { ReadSummary } from '../input/read-rows.ts';
import type { CsvColumnType } from '../input/parse-csv.ts';
import type { InputRow } from '../input/input-row.ts';
import { createRowBatch } from '../input/row-batch.ts';
import {
  createBatchProfileSet, recordProfileSetBatch, recordProfileSetSpill, startBatchProfileSetPass2, toBatchProfileSetResult, toSliceCode, toSpillBatch,
} from '../report/batch-profile-set.ts';
import type { ProfileSetResult } from '../report/profile-set.ts';
import { toOutcome } from '../report/reference-behaviour.ts';
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

/** Runs one read of `file` with a progress bar on `stderr`; reports bad lines there too. */
async function withProgress(
  options: { file: string; label: string; stderr: NodeJS.WritableStream },
  read: (onProgress: (bytesRead: number, rows: number) => void) => Promise<ReadSummary>,
): Promise<ReadSummary> {
  const progress = createProgress({ total: estimateRows(options.file), label: options.label, out: options.stderr });
  let ticked = 0;
  const summary = await read((_bytes, rows) => { progress.tick(rows - ticked); ticked = rows; });
  progress.tick(summary.rows - ticked);
  progress.done();
  for (const line of summary.firstBad) options.stderr.write(`${options.file}: ${line}\n`);
  if (summary.badLines > summary.firstBad.length) options.stderr.write(`${options.file}: ... ${summary.badLines} bad lines in all (skipped)\n`);
  return summary;
}

/** Streams `file` once, row by row, with a progress bar on `stderr`; reports bad lines there too. */
export async function streamFile(
  options: { file: string; spec: MonitorSpecDocument; label: string; stderr: NodeJS.WritableStream },
  onRow: (row: InputRow) => void,
): Promise<ReadSummary> {
  const read = { format: toInputFormat(options.file), columnTypes: toColumnTypes(options.spec) };
  return withProgress(options, (onProgress) => forEachRow(options.file, { ...read, onProgress }, onRow));
}

/** Rows per batch: columns of 8,192 values keep a batch in the CPU caches' reach. */
const batchCapacity = 8192;

/**
 * Builds the profiles of `file`: pass 1 reads it once into column batches (everything but the
 * numeric histograms) and spills what pass 2 needs to a temporary file (see input/column-spill.ts);
 * pass 2 reads the spill back into the histograms on the reference quantiles.
 */
export async function buildProfiles(options: {
  file: string;
  spec: MonitorSpecDocument;
  bins: number;
  stderr: NodeJS.WritableStream;
  /** Distinct strings kept per categorical column (tests make it small). */
  dictionaryCapacity?: number;
}): Promise<{ profiles: ProfileSetResult; summary: ReadSummary }> {
  const set = createBatchProfileSet(options.spec, { bins: options.bins, batchCapacity });
  const batch = createRowBatch({
    specs: set.specs, predictionSpecs: set.predictionSpecs, sliceKeys: options.spec.slices.keys, capacity: batchCapacity,
    toSliceCode: (key, value) => toSliceCode(set, key, value),
    toOutcome: (row) => toOutcome(set.behaviour, row),
    ...(options.dictionaryCapacity === undefined ? {} : { dictionaryCapacity: options.dictionaryCapacity }),
  });
  const name = basename(options.file);
  const read = { format: toInputFormat(options.file), columnTypes: toColumnTypes(options.spec), batch };
  const spill = createColumnSpill();
  try {
    const summary = await withProgress({ ...options, label: `${name} pass 1/2 (~total)` }, (onProgress) => forEachBatch(options.file, { ...read, onProgress }, (b) => {
      recordProfileSetBatch(set, b);
      writeSpillBatch(spill, toSpillBatch(set, b));
    }));
    startBatchProfileSetPass2(set);
    const progress = createProgress({ total: summary.rows, label: `${name} pass 2/2 (histograms)`, out: options.stderr });
    readSpillBatches(spill, toSpillBatch(set, batch), (spilled) => {
      recordProfileSetSpill(set, batch, spilled);
      progress.tick(spilled.size);
    });
    progress.done();
    return { profiles: toBatchProfileSetResult(set), summary };
  } finally {
    removeColumnSpill(spill);
  }
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
