// What the joiner keeps in the pending store: a waiting record as its original Kafka message
// (bytes, so a dead letter can carry them and decoding uses the writer schema), and a claimed
// resolution as the message to produce (so a restart re-produces exactly the same bytes). Of the
// headers only the W3C trace context is kept (`h`), so an outcome continues its prediction's trace.
import type { InboundMessage, OutboundMessage } from '@driftline/kafka';
import { TraceHeader } from '@driftline/tracing';

type TraceHeaders = Readonly<Record<string, string>>;
interface StoredMessage { readonly t: string; readonly p: number; readonly o: string; readonly k: string | null; readonly v: string; readonly ts: number; readonly h?: TraceHeaders }

/** The trace-context headers of a message, if it has any. */
function toTraceHeaders(headers: Readonly<Record<string, string>> | undefined): { h?: TraceHeaders } {
  const h: Record<string, string> = {};
  for (const name of [TraceHeader.TRACEPARENT, TraceHeader.TRACESTATE]) {
    const value = headers?.[name];
    if (value !== undefined) h[name] = value;
  }
  return Object.keys(h).length === 0 ? {} : { h };
}

/** The tag of a source record: side initial, partition and offset (stable across redeliveries). */
export function toTag(side: 'prediction' | 'label', message: Pick<InboundMessage, 'partition' | 'offset'>): string {
  return `${side === 'prediction' ? 'p' : 'l'}:${message.partition}:${message.offset}`;
}

export function toStoredMessage(message: InboundMessage): string {
  if (message.value === null) throw new Error('a tombstone is never stored');
  const stored: StoredMessage = { t: message.topic, p: message.partition, o: message.offset, k: message.key?.toString('base64') ?? null, v: message.value.toString('base64'), ts: message.timestamp, ...toTraceHeaders(message.headers) };
  return JSON.stringify(stored);
}

export function parseStoredMessage(payload: string): InboundMessage {
  const s = JSON.parse(payload) as StoredMessage;
  return { topic: s.t, partition: s.p, offset: s.o, key: s.k === null ? null : Buffer.from(s.k, 'base64'), value: Buffer.from(s.v, 'base64'), headers: s.h ?? {}, timestamp: s.ts };
}

export function toStoredOutbound(message: { readonly key: Buffer | string | null; readonly value: Buffer; readonly headers?: Readonly<Record<string, string>> }): string {
  const key = message.key === null ? null : Buffer.from(message.key).toString('base64');
  return JSON.stringify({ k: key, v: message.value.toString('base64'), ...toTraceHeaders(message.headers) });
}

export function parseStoredOutbound(payload: string, topic: string): OutboundMessage {
  const s = JSON.parse(payload) as { k: string | null; v: string; h?: TraceHeaders };
  return { topic, key: s.k === null ? null : Buffer.from(s.k, 'base64'), value: Buffer.from(s.v, 'base64'), ...(s.h === undefined ? {} : { headers: s.h }) };
}
