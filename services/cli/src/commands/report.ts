// `driftline report --spec spec.yaml --reference train.jsonl|profile.json --current serving.jsonl
// --out report.html [--json report.json]`: an offline drift report (HTML with inline SVG, plus the
// same content as JSON). Both inputs are streamed; a `.json` reference is a `driftline baseline`
// profile and is used as is. How to read it: docs/report.md.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isStatsError, parseBaselineDocument } from '@driftline/stats';
import type { BaselineDocument } from '@driftline/stats';
import type { MonitorSpecDocument } from '@driftline/schemas';
import { createCurrentSet, recordCurrentRow } from '../report/current-window.ts';
import { toFeatureSpec, toPredictionSpecs } from '../report/feature-specs.ts';
import { renderReportHtml } from '../report/html-page.ts';
import type { ProfileSetResult } from '../report/profile-set.ts';
import { toReportModel } from '../report/report-model.ts';
import type { ReportModel } from '../report/report-model.ts';
import { createFrozenSliceAssigner } from '../report/slice-assigner.ts';
import { buildProfiles, streamFile } from './baseline.ts';
import { loadMonitorSpecFile } from './monitor.ts';

export interface ReportOptions {
  readonly specFile: string;
  readonly reference: string;
  readonly current: string;
  readonly out: string;
  readonly json?: string;
  readonly bins: number;
}

/** Reads a `driftline baseline` document; throws with the JSON path of the first problem. */
export async function loadBaselineProfiles(file: string, spec: MonitorSpecDocument): Promise<ProfileSetResult> {
  let doc: BaselineDocument;
  try {
    doc = parseBaselineDocument(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if (isStatsError(error)) throw new Error(`${file} is not a valid driftline baseline profile: ${error.message}`, { cause: error });
    throw error;
  }
  if (doc.modelId !== spec.modelId) throw new Error(`${file} profiles model "${doc.modelId}", the spec is for "${spec.modelId}"`);
  return { overall: doc.overall, slices: { ...doc.slices }, prediction: doc.prediction, behaviour: doc.behaviour };
}

/** `report.html` → `report.json` (or `<out>.json`). */
export function toJsonPath(out: string): string {
  return /\.html?$/i.test(out) ? out.replace(/\.html?$/i, '.json') : `${out}.json`;
}

function toHeadline(model: ReportModel): string {
  const s = model.summary;
  const features = s.driftedFeatures.length === 0 ? `no drift in ${s.testedFeatures} features` : `drift in ${s.driftedFeatures.length} of ${s.testedFeatures} features (${s.driftedFeatures.join(', ')})`;
  const slices = s.slicesTested === 0 ? '' : `; ${s.slicesWithDrift} of ${s.slicesTested} slices drifted${s.worstSlices[0] === undefined ? '' : `, worst ${s.worstSlices[0].id}`}`;
  const prediction = s.predictionDrift === undefined ? '' : s.predictionDrift ? '; prediction drifted' : '; prediction stable';
  return `${model.modelId}: ${features}${slices}${prediction}`;
}

export async function runReport(
  deps: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; now: () => number },
  options: ReportOptions,
): Promise<number> {
  const spec = loadMonitorSpecFile(options.specFile, deps.stderr);
  if (spec === undefined) return 1;
  const started = performance.now();
  const fromProfile = /\.json$/i.test(options.reference);
  const reference = fromProfile
    ? await loadBaselineProfiles(options.reference, spec)
    : (await buildProfiles({ file: options.reference, spec, bins: options.bins, stderr: deps.stderr })).profiles;
  if (reference.overall.rows === 0) {
    deps.stderr.write(`${options.reference}: no reference rows\n`);
    return 1;
  }
  const current = createCurrentSet({
    specs: spec.features.map(toFeatureSpec), predictionSpecs: toPredictionSpecs(spec), reference,
    assigner: createFrozenSliceAssigner(spec.slices.keys, spec.slices.maxValuesPerKey, Object.keys(reference.slices)),
  });
  await streamFile({ file: options.current, spec, label: `${basename(options.current)} (current)`, stderr: deps.stderr }, (row) => { recordCurrentRow(current, row); });
  if (current.overall.rows === 0) {
    deps.stderr.write(`${options.current}: no current rows\n`);
    return 1;
  }
  const model = toReportModel({
    spec, current, generatedAt: new Date(deps.now()).toISOString(),
    sources: { reference: basename(options.reference), current: basename(options.current) },
  });
  const jsonPath = options.json ?? toJsonPath(options.out);
  await writeFile(options.out, renderReportHtml(model));
  await writeFile(jsonPath, `${JSON.stringify(model, null, 1)}\n`);
  deps.stdout.write(`${toHeadline(model)}\nwrote ${options.out} and ${jsonPath} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}
