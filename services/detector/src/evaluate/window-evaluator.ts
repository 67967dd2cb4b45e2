// The evaluation loop of closed windows (docs/detector.md, "Window tests"): on every tick, for each
// model, find the windows the aggregator has closed since the last evaluated one, read their
// statistics (all slices above the k-anonymity floor), compute the findings and publish them. Two
// passes with their own progress: `inputs` (data and prediction drift, data quality, correlation,
// slice mix) once the predictions partitions passed the window's end + grace, and `outcomes`
// (performance, label drift, fairness) once the outcomes partitions passed its end + outcome grace.
import type { DetectorStore } from '@driftline/redis-state';
import type { Logger } from '@driftline/service-kit';
import type { EventDraft } from '../core/detection-event.ts';
import type { DetectorModel } from '../core/detector-model.ts';
import { toLastClosedStart, toTopicWatermark } from '../core/closed-windows.ts';
import type { EventEmitter } from '../emit/event-emitter.ts';
import type { DetectorMetrics } from '../metrics.ts';
import type { AggregatorClient } from './aggregator-client.ts';

export const EvaluationPass = {
  INPUTS: 'inputs',
  OUTCOMES: 'outcomes',
} as const;
export type EvaluationPass = (typeof EvaluationPass)[keyof typeof EvaluationPass];

export interface WindowGroup {
  readonly model: DetectorModel;
  readonly pass: EvaluationPass;
  readonly version: string;
  readonly start: number;
  readonly end: number;
  /** The aggregator's views of this version-window, one per slice (overall included), with `stats`. */
  readonly views: readonly unknown[];
  /** Up to `windows.rolling` earlier windows of the same version (oldest first), e.g. for a burn-in performance reference. */
  readonly history: readonly (readonly unknown[])[];
}

export interface WindowEvaluatorOptions {
  readonly aggregator: AggregatorClient;
  readonly store: DetectorStore;
  readonly models: () => Iterable<DetectorModel>;
  readonly emitter: EventEmitter;
  readonly metrics: DetectorMetrics;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly findings: (group: WindowGroup) => readonly EventDraft[];
  readonly predictionsTopic: string;
  readonly outcomesTopic: string;
  readonly outcomeGraceMs: number;
  readonly redisPrefix: string;
}

export interface WindowEvaluator {
  /** One evaluation round over every model; resolves when done (errors are counted and logged). */
  tick(): Promise<void>;
}

interface View { readonly start: number; readonly end: number; readonly version: string }

export function createWindowEvaluator(options: WindowEvaluatorOptions): WindowEvaluator {
  const progressKey = (modelId: string): string => `${options.redisPrefix}det:{${modelId}}:progress`;

  const evaluateModel = async (model: DetectorModel, pass: EvaluationPass, watermark: number | undefined): Promise<void> => {
    const size = model.spec.windows.size;
    const grace = pass === EvaluationPass.INPUTS ? model.spec.windows.grace : options.outcomeGraceMs;
    const lastClosed = toLastClosedStart(watermark, size, grace);
    if (lastClosed === undefined) return;
    const done = await options.store.getProgress(progressKey(model.modelId), pass);
    if (done !== undefined && done >= lastClosed) return;
    const historyFrom = (done ?? lastClosed - (model.spec.windows.rolling - 1) * size) - model.spec.windows.rolling * size;
    const views = (await options.aggregator.windows(model.modelId, historyFrom, lastClosed)) as (View & Record<string, unknown>)[];
    const groups = new Map<string, (View & Record<string, unknown>)[]>();
    for (const v of views) {
      const key = `${v.version}\u0000${String(v.start)}`;
      const list = groups.get(key);
      if (list === undefined) groups.set(key, [v]); else list.push(v);
    }
    const firstToEvaluate = done === undefined ? lastClosed - (model.spec.windows.rolling - 1) * size : done + size;
    const ordered = [...groups.values()].sort((a, b) => (a[0]?.start ?? 0) - (b[0]?.start ?? 0));
    for (const group of ordered) {
      const head = group[0];
      if (head === undefined || head.start < firstToEvaluate) continue;
      const history = ordered.filter((g) => g[0] !== undefined && g[0].version === head.version && g[0].start < head.start).slice(-model.spec.windows.rolling);
      const drafts = options.findings({ model, pass, version: head.version, start: head.start, end: head.end, views: group, history });
      await options.emitter.emit(drafts.map((draft) => ({ draft, anchor: `w:${head.start}` })));
      options.metrics.windowsEvaluated.inc({ pass });
    }
    await options.store.advanceProgress(progressKey(model.modelId), pass, lastClosed);
  };

  return {
    async tick() {
      let watermarks;
      try {
        watermarks = await options.aggregator.watermarks();
      } catch (error) {
        options.metrics.evaluationErrors.inc();
        options.logger.warn({ err: error }, 'cannot read the aggregator watermarks; retrying on the next tick');
        return;
      }
      const inputs = toTopicWatermark(watermarks, options.predictionsTopic);
      const outcomes = toTopicWatermark(watermarks, options.outcomesTopic);
      for (const model of options.models()) {
        for (const [pass, watermark] of [[EvaluationPass.INPUTS, inputs], [EvaluationPass.OUTCOMES, outcomes]] as const) {
          try {
            await evaluateModel(model, pass, watermark);
          } catch (error) {
            options.metrics.evaluationErrors.inc();
            options.logger.warn({ err: error, modelId: model.modelId, pass }, 'window evaluation failed; retrying on the next tick');
          }
        }
      }
    },
  };
}
