// Records the eraser rewrote under an existing key (anonymised or rectified) are not folded: the
// eraser corrects the windows itself through POST /v1/retractions, so folding them would count the
// record twice. They still count as read: handed on as offsets only, like tombstones.
import { isRewrite } from '@driftline/kafka';
import type { HandlerInput, HandlerResult, RecordHandler } from '@driftline/kafka';

export function skipRewrites<T>(inner: RecordHandler<T>): RecordHandler<T> {
  return {
    handle(input: HandlerInput<T>): Promise<HandlerResult> {
      if (!input.records.some((r) => isRewrite(r.message))) return inner.handle(input);
      const rewrites = input.records.filter((r) => isRewrite(r.message)).map((r) => r.message);
      return inner.handle({ ...input, records: input.records.filter((r) => !isRewrite(r.message)), tombstones: [...input.tombstones, ...rewrites] });
    },
  };
}
