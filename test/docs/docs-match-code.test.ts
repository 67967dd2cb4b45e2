// Docs match the code (style rules 19 and 23): every error code is in docs/errors.md, and every
// environment variable the CLI reads is in the README's configuration table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kafkaErrorCodes } from '@driftline/kafka';
import { serviceKitErrorCodes } from '@driftline/service-kit';
import { redisStateErrorCodes } from '@driftline/redis-state';
import { joinerConfigSchema, joinerErrorCodes } from '@driftline/joiner';
import { aggregatorConfigSchema, aggregatorErrorCodes } from '@driftline/aggregator';
import { detectorConfigSchema, detectorServiceErrorCodes } from '@driftline/detector';
import { statsErrorCodes } from '@driftline/stats';
import { DETECTOR_ERROR_CODES } from '@driftline/detectors';
import { cliConfigSchema, subjectClientConfigSchema, triggerClientConfigSchema } from '@driftline/cli';
import { triggerConfigSchema, triggerErrorCodes } from '@driftline/trigger';
import { eraserConfigSchema, eraserErrorCodes } from '@driftline/eraser';
import { privacyErrorCodes } from '@driftline/privacy';
import { demoErrorCodes } from '../demo/errors.ts';
import { repoRoot } from '../support/repo-root.ts';

const errorsDoc = readFileSync(join(repoRoot, 'docs/errors.md'), 'utf8');
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe('docs/errors.md', () => {
  const codes = [...Object.values(kafkaErrorCodes), ...Object.values(serviceKitErrorCodes), ...Object.values(redisStateErrorCodes), ...Object.values(joinerErrorCodes), ...Object.values(aggregatorErrorCodes), ...Object.values(detectorServiceErrorCodes), ...Object.values(triggerErrorCodes), ...Object.values(eraserErrorCodes), ...Object.values(privacyErrorCodes), ...Object.values(statsErrorCodes), ...DETECTOR_ERROR_CODES, ...Object.values(demoErrorCodes)];

  it.each(codes)('documents %s in a table row', (code) => {
    expect(errorsDoc).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
  });

  it('documents no code the packages do not have', () => {
    const documented = [...errorsDoc.matchAll(/^\| `(DL_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((c) => c !== undefined && !codes.includes(c as never))).toEqual([]);
  });
});

describe('README configuration table', () => {
  it.each([...Object.keys(cliConfigSchema.shape), ...Object.keys(triggerClientConfigSchema.shape), ...Object.keys(subjectClientConfigSchema.shape)])('documents %s', (variable) => {
    expect(readme).toMatch(new RegExp(`^\\| [^\\n]*\`${variable}\``, 'm'));
  });
});

describe.each([
  ['services/aggregator/README.md', aggregatorConfigSchema.shape],
  ['services/joiner/README.md', joinerConfigSchema.shape],
  ['services/detector/README.md', detectorConfigSchema.shape],
  ['services/trigger/README.md', triggerConfigSchema.shape],
  ['services/eraser/README.md', eraserConfigSchema.shape],
])('%s configuration table', (file, shape) => {
  const text = readFileSync(join(repoRoot, file), 'utf8') + readme;
  it.each(Object.keys(shape))('documents %s', (variable) => {
    expect(text).toMatch(new RegExp(`^\\| [^\\n]*\`${variable}\``, 'm'));
  });
});
