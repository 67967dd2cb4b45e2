// The model's training data, as `driftline baseline` reads it (docs/report.md): JSON lines in the
// PredictionLog shape (features, prediction, slice) with the actual label beside them, drawn from
// a normal day (no incident), so the reference profile has features, scores and outcomes per slice.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { drawApplicant, drawOutcome, toPredictedLabel, toScore } from './credit-model.ts';
import { createRandom } from './random.ts';

export async function writeTrainingData(options: { readonly file: string; readonly rows: number; readonly seed: number }): Promise<void> {
  const random = createRandom(options.seed);
  const out = createWriteStream(options.file);
  for (let i = 0; i < options.rows; i++) {
    const applicant = drawApplicant(random);
    const score = toScore(applicant.features);
    const row = {
      features: applicant.features, prediction: { label: toPredictedLabel(score), score },
      slice: { region: applicant.region, channel: applicant.channel }, label: drawOutcome(random, applicant),
    };
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
