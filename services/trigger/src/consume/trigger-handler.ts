// The consume-loop handler. drift-events: per chunk, the events past the partition's watermark go
// through each model's state machine; documents, watermark and new requests are committed in one
// step (policy/run-policies.ts), then the requests are published before the offsets are. outcomes:
// per chunk, each monitored model's label count (and the latest label time per model version) is
// added up with the partition's watermark in one step. A redelivered chunk is a no-op either way.
import type { DecodedMessage, HandlerInput, HandlerResult, RecordHandler } from '@driftline/kafka';
import { HashOpKind } from '@driftline/redis-state';
import type { HashIncrement } from '@driftline/redis-state';
import type { DriftEvent, Outcome } from '@driftline/schemas';
import type { PolicyInput } from '../core/policy/step-policy.ts';
import type { RequestEmitter } from '../emit/request-emitter.ts';
import type { TriggerMetrics } from '../metrics.ts';
import type { PolicyRunner } from '../policy/run-policies.ts';
import type { DocumentStore, StateStore } from '../ports.ts';
import { LABEL_COUNT_FIELD, VERSION_FIELD_PREFIX } from '../state/trigger-keys.ts';
import type { TriggerKeys } from '../state/trigger-keys.ts';
import { observeOutcomes } from '../policy/observe-outcomes.ts';

export interface TriggerHandlerDeps {
  readonly topics: { readonly driftEvents: string; readonly outcomes: string };
  readonly documents: Pick<DocumentStore, 'getWatermark'>;
  readonly counters: Pick<StateStore, 'applyWithWatermark' | 'getWatermark'>;
  readonly keys: TriggerKeys;
  readonly isMonitored: (modelId: string) => boolean;
  readonly runPolicies: PolicyRunner;
  readonly emitter: Pick<RequestEmitter, 'deliver'>;
  readonly metrics: Pick<TriggerMetrics, 'driftEvents' | 'labels' | 'closed' | 'suppressed'>;
}

export function createTriggerHandler(deps: TriggerHandlerDeps): RecordHandler<DriftEvent | Outcome> {
  /** Offsets past `watermark`, the chunk's last offset and the first one past the watermark. */
  const span = (input: HandlerInput<unknown>, watermark: number | undefined): { last: number; first: number } | undefined => {
    const offsets = [...input.records.map((r) => Number(r.message.offset)), ...input.tombstones.map((t) => Number(t.offset))];
    const fresh = offsets.filter((o) => watermark === undefined || o > watermark);
    if (fresh.length === 0) return undefined;
    return { last: Math.max(...offsets), first: Math.min(...fresh) };
  };

  const onDriftEvents = async (input: HandlerInput<DriftEvent>): Promise<HandlerResult> => {
    const field = `${input.topic}:${input.partition}`;
    const watermark = await deps.documents.getWatermark(deps.keys.watermarks, field);
    const range = span(input, watermark);
    if (range === undefined) return { invalid: [] };
    const inputs = new Map<string, PolicyInput[]>();
    for (const { message, value } of input.records) {
      if (watermark !== undefined && Number(message.offset) <= watermark) continue;
      if (!deps.isMonitored(value.modelId)) { deps.metrics.driftEvents.inc({ result: 'unmonitored' }); continue; }
      inputs.set(value.modelId, [...(inputs.get(value.modelId) ?? []), { kind: 'drift', event: value }]);
    }
    const result = await deps.runPolicies({ inputs, watermark: { key: deps.keys.watermarks, field, offset: range.last, fromOffset: range.first } });
    if (result.status === 'applied') {
      observeOutcomes(result.outcomes, deps.metrics);
      await deps.emitter.deliver(result.emitted);
    }
    return { invalid: [] };
  };

  const onOutcomes = async (input: HandlerInput<Outcome>): Promise<HandlerResult> => {
    const field = `${input.topic}:${input.partition}`;
    const watermark = await deps.counters.getWatermark(deps.keys.watermarks, field);
    const range = span(input, watermark);
    if (range === undefined) return { invalid: [] };
    const fresh = input.records.filter((r: DecodedMessage<Outcome>) => watermark === undefined || Number(r.message.offset) > watermark).filter((r) => deps.isMonitored(r.value.modelId));
    const increments = new Map<string, HashIncrement>();
    const add = (inc: HashIncrement): void => {
      const id = `${inc.key}\u0000${inc.field}`;
      const prev = increments.get(id);
      increments.set(id, prev === undefined ? inc : { ...inc, by: inc.op === HashOpKind.MAX ? Math.max(prev.by, inc.by) : prev.by + inc.by });
    };
    for (const { value } of fresh) {
      const key = deps.keys.labels(value.modelId);
      add({ key, field: LABEL_COUNT_FIELD, by: 1 });
      add({ key, field: `${VERSION_FIELD_PREFIX}${value.modelVersion}`, by: value.labelTimestamp, op: HashOpKind.MAX });
    }
    const applied = await deps.counters.applyWithWatermark({ watermarkKey: deps.keys.watermarks, watermarkField: field, offset: range.last, fromOffset: range.first, increments: [...increments.values()] });
    if (applied) deps.metrics.labels.inc(fresh.length);
    return { invalid: [] };
  };

  return {
    handle(input) {
      return input.topic === deps.topics.outcomes
        ? onOutcomes(input as HandlerInput<Outcome>)
        : onDriftEvents(input as HandlerInput<DriftEvent>);
    },
  };
}
