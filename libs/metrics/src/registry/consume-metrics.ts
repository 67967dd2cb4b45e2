// Consume-loop metrics: throughput, lag, dead letters. Bounded labels: topic, partition, reason.
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

const labelNames = ['topic', 'partition'] as const;

export interface ConsumeMetrics {
  onChunk(info: { topic: string; partition: number; records: number; tombstones: number; seconds: number; lag: number }): void;
  onDeadLetter(info: { topic: string; reason: string }): void;
}

export function createConsumeMetrics(registry: Registry): ConsumeMetrics {
  const records = new Counter({ name: 'driftline_consumer_records_total', help: 'Records processed by the consume loop.', labelNames, registers: [registry] });
  const tombstones = new Counter({ name: 'driftline_consumer_tombstones_total', help: 'Tombstones seen by the consume loop.', labelNames, registers: [registry] });
  const lag = new Gauge({ name: 'driftline_consumer_lag_records', help: 'Records between the last processed offset and the partition end.', labelNames, registers: [registry] });
  const chunkSeconds = new Histogram({ name: 'driftline_consumer_chunk_duration_seconds', help: 'Time to decode, handle and resolve one chunk.', labelNames: ['topic'] as const, buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] });
  const deadLetters = new Counter({ name: 'driftline_dead_letters_total', help: 'Records sent to the dead-letter topic, by reason code.', labelNames: ['topic', 'reason'] as const, registers: [registry] });
  return {
    onChunk(info) {
      const labels = { topic: info.topic, partition: String(info.partition) };
      records.inc(labels, info.records);
      tombstones.inc(labels, info.tombstones);
      lag.set(labels, info.lag);
      chunkSeconds.observe({ topic: info.topic }, info.seconds);
    },
    onDeadLetter(info) {
      deadLetters.inc({ topic: info.topic, reason: info.reason });
    },
  };
}
