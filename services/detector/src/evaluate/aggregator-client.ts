// The aggregator's read API over HTTP (services/aggregator/README.md): per-partition watermarks and
// closed windows with their raw accumulators (`detail=stats`).
import { DetectorServiceError, detectorServiceErrorCodes } from '../errors.ts';

export interface PartitionWatermark { readonly offset: number; readonly eventTime: number | null }

export interface AggregatorClient {
  watermarks(): Promise<Record<string, PartitionWatermark>>;
  /** Slice-windows (with `stats`) of a model whose start is in [from, to]. */
  windows(modelId: string, from: number, to: number): Promise<unknown[]>;
}

export function createAggregatorClient(options: { baseUrl: string; token?: string; fetch?: typeof fetch }): AggregatorClient {
  const doFetch = options.fetch ?? fetch;
  const get = async (path: string): Promise<unknown> => {
    const url = new URL(path, options.baseUrl);
    let res: Response;
    try {
      res = await doFetch(url, { headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new DetectorServiceError({ code: detectorServiceErrorCodes.DL_DETECT_AGGREGATOR_UNAVAILABLE, message: `aggregator read API at ${url.origin} unreachable: ${error instanceof Error ? error.message : String(error)}`, retriable: true, cause: error });
    }
    if (!res.ok) {
      throw new DetectorServiceError({ code: detectorServiceErrorCodes.DL_DETECT_AGGREGATOR_UNAVAILABLE, message: `aggregator read API answered ${res.status} for ${url.pathname}: ${(await res.text()).slice(0, 300)}`, retriable: res.status >= 500 || res.status === 429, context: { status: res.status } });
    }
    return res.json();
  };
  return {
    async watermarks() {
      const body = await get('/v1/watermarks') as { partitions?: Record<string, PartitionWatermark> };
      return body.partitions ?? {};
    },
    async windows(modelId, from, to) {
      const body = await get(`/v1/models/${encodeURIComponent(modelId)}/windows?from=${from}&to=${to}&detail=stats`) as { windows?: unknown[] };
      return body.windows ?? [];
    },
  };
}
