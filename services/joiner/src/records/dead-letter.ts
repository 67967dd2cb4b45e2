// A DeadLetter for a label the joiner gives up on, in the same shape the shared consume loop
// writes (the label may come from an earlier chunk, so the loop's per-chunk path cannot carry it). Only
// records that decoded once are stored, so their bytes are in the wire format.
import { parseWireFormat } from '@driftline/kafka';
import type { InboundMessage } from '@driftline/kafka';
import type { DeadLetter } from '@driftline/schemas';

export function toDeadLetter(message: InboundMessage, options: { reason: string; detail: string; service: string; failedAt: number }): DeadLetter {
  return {
    reason: options.reason, detail: options.detail, sourceTopic: message.topic, sourcePartition: message.partition, sourceOffset: message.offset,
    schemaId: message.value === null ? null : parseWireFormat(message.value).schemaId, service: options.service, failedAt: options.failedAt, originalValue: message.value,
  };
}
