// Eraser metrics (Prometheus naming; bounded labels only: never a subject, pseudonym or request id).
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

export type RequestKind = 'erase' | 'access' | 'rectify' | 'deny';
export type RequestOutcome = 'completed' | 'invalid' | 'repeated';

export interface EraserMetrics {
  request(kind: RequestKind, outcome: RequestOutcome, seconds: number): void;
  /** Requests fetched and not yet handled (`id`: their position), with their receive time (epoch ms). */
  pending(requests: readonly { readonly id: string; readonly receivedAt: number }[]): void;
  handled(id: string): void;
  indexed(topic: string, count: number): void;
  /** Records of an erased subject (deny list) or request id (guard) seen after the erasure and erased on sight. */
  erasedOnSight(topic: string, count: number): void;
}

const DURATION_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];

export function createEraserMetrics(registry: Registry, options: { readonly deadlineMs: number; readonly now: () => number }): EraserMetrics {
  const registers = [registry];
  const requests = new Counter({ name: 'driftline_eraser_requests_total', help: 'Subject requests handled, by kind and outcome (repeated: already handled, e.g. redelivered).', labelNames: ['kind', 'outcome'] as const, registers });
  const duration = new Histogram({ name: 'driftline_eraser_request_duration_seconds', help: 'Time to handle one subject request, receipt included.', labelNames: ['kind'] as const, buckets: DURATION_BUCKETS_S, registers });
  const waiting = new Map<string, number>();
  new Gauge({
    name: 'driftline_erasure_oldest_pending_age_seconds', help: 'Age of the oldest subject request fetched and not yet handled (0 when none).', registers,
    collect() {
      const oldest = Math.min(...waiting.values());
      this.set(Number.isFinite(oldest) ? Math.max(0, (options.now() - oldest) / 1000) : 0);
    },
  });
  new Gauge({ name: 'driftline_erasure_deadline_seconds', help: 'The configured erasure deadline (DRIFTLINE_ERASURE_DEADLINE_DAYS).', registers }).set(options.deadlineMs / 1000);
  const indexedTotal = new Counter({ name: 'driftline_eraser_indexed_records_total', help: 'Records of subjects added to the subject index.', labelNames: ['topic'] as const, registers });
  const onSight = new Counter({ name: 'driftline_eraser_erased_on_sight_total', help: 'Records of erased subjects seen after their erasure (restores, late labels) and tombstoned.', labelNames: ['topic'] as const, registers });
  return {
    request: (kind, outcome, seconds) => { requests.inc({ kind, outcome }); duration.observe({ kind }, seconds); },
    pending: (requests) => { for (const r of requests) waiting.set(r.id, r.receivedAt); },
    handled: (id) => { waiting.delete(id); },
    indexed: (topic, count) => { if (count > 0) indexedTotal.inc({ topic }, count); },
    erasedOnSight: (topic, count) => { if (count > 0) onSight.inc({ topic }, count); },
  };
}
