// The monitor spec (design.md §5): what to watch for one model. The zod schema is the source of the
// published JSON Schema (schemas/json/monitor-spec.schema.json) and of the TypeScript type.
import { z } from 'zod';
import { toDurationMs } from './duration.ts';

const name = z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
const duration = z.union([z.string(), z.number()])
  .describe('A duration: "500ms", "30s", "5m", "1h", "7d", "2w", or milliseconds')
  .transform((v, ctx) => {
    const ms = toDurationMs(v);
    if (ms === undefined) { ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not a duration (e.g. 5m, 1h, 7d)` }); return z.NEVER; }
    return ms;
  });
const rate = z.number().min(0).max(1);

export const detectorKinds = ['adwin', 'page-hinkley', 'kswin', 'ddm', 'eddm', 'hddm-a', 'hddm-w', 'cusum'] as const;
export const binaryDetectorKinds = ['ddm', 'eddm', 'hddm-a', 'hddm-w'] as const;
export const driftStatistics = ['auto', 'psi', 'kl', 'jensen-shannon', 'hellinger', 'wasserstein', 'ks', 'chi-square', 'z-test', 'l-infinity'] as const;

const detector = z.object({
  kind: z.enum(detectorKinds),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional().describe('Detector parameters; omitted ones take River 0.26.1 defaults'),
}).strict();

const feature = z.object({
  name,
  type: z.enum(['numeric', 'categorical', 'boolean']),
  range: z.object({ min: z.number().optional(), max: z.number().optional() }).strict().optional().describe('Allowed range of a numeric feature (inclusive)'),
  categories: z.array(z.string()).min(1).optional().describe('Allowed values of a categorical feature'),
  pii: z.boolean().default(false).describe('Personal data: never profiled, stored or exported'),
  drift: z.object({
    statistic: z.enum(driftStatistics).default('auto'),
    threshold: z.number().positive().optional().describe('Overrides the statistic\'s default threshold'),
  }).strict().optional(),
}).strict();

export const monitorSpecObject = z.object({
  modelId: name,
  description: z.string().max(2000).optional(),
  prediction: z.object({
    type: z.enum(['binary', 'multiclass', 'regression']),
    labels: z.array(z.string()).min(2).optional().describe('Classes (classifiers)'),
    positiveLabel: z.string().optional().describe('Binary: the positive class, for FPR/FNR'),
    scoreThreshold: z.number().min(0).max(1).default(0.5).describe('Binary: score at or above which the prediction is positive'),
  }).strict(),
  features: z.array(feature).min(1),
  slices: z.object({
    keys: z.array(name).default([]).describe('Features or slice attributes to slice by; "overall" is always kept'),
    maxValuesPerKey: z.number().int().positive().max(10_000).default(50).describe('Cardinality cap: further values go to __other__'),
  }).strict().default({ keys: [], maxValuesPerKey: 50 }),
  windows: z.object({
    size: duration.default(300_000),
    grace: duration.default(60_000).describe('How late an event may arrive and still count in its window'),
    retention: duration.default(604_800_000),
    rolling: z.number().int().positive().max(10_000).default(12).describe('Windows merged for rolling views'),
  }).strict().default({ size: 300_000, grace: 60_000, retention: 604_800_000, rolling: 12 }),
  drift: z.object({
    correction: z.enum(['none', 'bonferroni', 'benjamini-hochberg']).default('benjamini-hochberg'),
    alpha: z.number().gt(0).lt(1).default(0.05),
    minSamples: z.number().int().positive().default(100).describe('Windows with fewer records are not tested'),
  }).strict().default({ correction: 'benjamini-hochberg', alpha: 0.05, minSamples: 100 }),
  detectors: z.object({
    features: z.array(detector).default([]).describe('Streaming detectors run on every numeric feature'),
    prediction: z.array(detector).default([]).describe('Streaming detectors on the prediction score'),
    errors: z.array(detector).default([]).describe('Streaming detectors on the 0/1 error stream from outcomes'),
  }).strict().default({ features: [], prediction: [], errors: [] }),
  alerts: z.object({
    cooldown: duration.default(1_800_000),
    minEvidence: z.number().int().positive().default(100),
    missingRate: rate.default(0.05),
    outOfRangeRate: rate.default(0.01),
    unseenCategoryRate: rate.default(0.01),
    performanceDrop: rate.default(0.05).describe('Accuracy drop (or relative error rise) versus the reference'),
    fairnessGap: rate.default(0.1).describe('Largest allowed FPR or FNR difference between slices'),
  }).strict().default({ cooldown: 1_800_000, minEvidence: 100, missingRate: 0.05, outOfRangeRate: 0.01, unseenCategoryRate: 0.01, performanceDrop: 0.05, fairnessGap: 0.1 }),
  retraining: z.object({
    onDemand: z.boolean().default(true),
    schedule: z.string().regex(/^(\S+\s+){4}\S+$/, 'a cron expression with 5 fields').optional(),
    newLabels: z.number().int().positive().optional().describe('Request retraining after this many new labels'),
    drift: z.object({
      minSeverity: z.enum(['INFO', 'WARNING', 'CRITICAL']).default('WARNING'),
      minFeatures: z.number().int().positive().default(1).describe('K: features drifting at once'),
      sustainedFor: duration.default(0),
    }).strict().optional(),
    cooldown: duration.default(86_400_000),
  }).strict().default({ onDemand: true, cooldown: 86_400_000 }),
  privacy: z.object({
    kAnonymity: z.number().int().min(1).default(10).describe('Exported aggregates need at least this many records'),
    erasureDeadline: duration.default(2_592_000_000),
  }).strict().default({ kAnonymity: 10, erasureDeadline: 2_592_000_000 }),
}).strict();

export type MonitorSpecInput = z.input<typeof monitorSpecObject>;
export type MonitorSpecDocument = z.output<typeof monitorSpecObject>;
export type FeatureDeclaration = MonitorSpecDocument['features'][number];
export type DetectorDeclaration = z.output<typeof detector>;
