// The demo's stand-in for a retraining job: it takes each retrain request and, a few seconds later,
// reports it done through the trigger's API, so the model can get the next request.
import type { RetrainRequest } from '@driftline/schemas';

export interface RetrainJob {
  take(request: RetrainRequest): void;
  stop(): void;
}

export function createRetrainJob(options: {
  readonly triggerUrl: string;
  readonly token: string;
  readonly delayMs: number;
  readonly onDone: (request: RetrainRequest, outcome: string) => void;
}): RetrainJob {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const complete = async (request: RetrainRequest): Promise<string> => {
    const url = `${options.triggerUrl}/v1/models/${encodeURIComponent(request.modelId)}/retrain-requests/${encodeURIComponent(request.requestId)}/complete`;
    try {
      const res = await fetch(url, {
        method: 'POST', headers: { 'authorization': `Bearer ${options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'succeeded' }), signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
      return res.ok ? 'completed' : `not completed (HTTP ${String(res.status)})`;
    } catch (error) {
      return `not completed (${error instanceof Error ? error.message : String(error)})`;
    }
  };
  return {
    take(request) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        void complete(request).then((outcome) => { options.onDone(request, outcome); });
      }, options.delayMs);
      timers.add(timer);
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
