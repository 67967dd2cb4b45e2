// POST /v1/retractions: the eraser takes a person's records out of the windows (and, for a
// rectification, puts the corrected ones in). Behind the API token like every /v1 route.
import type { IncomingMessage } from 'node:http';
import type { Route } from '@driftline/metrics';
import { isStateLostError, redisStateErrorCodes } from '@driftline/redis-state';
import { aggregatorErrorCodes } from '../errors.ts';
import { applyRetraction } from './apply-retraction.ts';
import type { RetractionDeps } from './apply-retraction.ts';
import { retractionBody } from './retraction-body.ts';

const MAX_BODY_BYTES = 256 * 1024 * 1024;

export function createRetractionRoutes(deps: RetractionDeps & { readonly unavailable: () => string | undefined }): Route[] {
  return [{
    method: 'POST',
    path: '/v1/retractions',
    handle: async (req) => {
      const reason = deps.unavailable();
      if (reason !== undefined) return { status: 503, body: { error: reason, code: aggregatorErrorCodes.DL_AGG_REBUILDING } };
      let json: unknown;
      try { json = JSON.parse(await readBody(req)); } catch (error) { return { status: 400, body: { error: error instanceof Error ? error.message : 'unreadable body' } }; }
      const parsed = retractionBody.safeParse(json);
      // Only paths and messages: never the values (they are personal data).
      if (!parsed.success) return { status: 400, body: { error: 'invalid retraction', problems: parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.')}: ${i.message}`) } };
      try {
        return { status: 200, body: await applyRetraction(deps, parsed.data) };
      } catch (error) {
        if (isStateLostError(error)) return { status: 503, body: { error: error.message, code: redisStateErrorCodes.DL_STATE_LOST } };
        if (typeof error === 'object' && error !== null && 'code' in error && error.code === redisStateErrorCodes.DL_STATE_WATERMARK_CONFLICT) {
          return { status: 409, body: { error: 'another call is applying this retraction; call again', code: redisStateErrorCodes.DL_STATE_WATERMARK_CONFLICT } };
        }
        throw error;
      }
    },
  }];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error(`body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
