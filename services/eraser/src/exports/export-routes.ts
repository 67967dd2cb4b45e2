// GET /v1/exports/<requestId>: the access export of a handled ACCESS request, served once. Only
// registered when API_TOKEN is set (the document is personal data).
import type { Route } from '@driftline/metrics';
import type { ExportStore } from './export-store.ts';

export function createExportRoutes(store: ExportStore): Route[] {
  return [{
    method: 'GET',
    path: '/v1/exports',
    handle: (_req, url) => {
      const requestId = decodeURIComponent(url.pathname.slice('/v1/exports/'.length));
      const document = requestId === '' ? undefined : store.take(requestId);
      return Promise.resolve(document === undefined
        ? { status: 404, body: { error: 'no export for this request id (unknown, already fetched, or expired)' } }
        : { status: 200, body: document });
    },
  }];
}
