// createApp(deps): wiring only (style rule 5). Three consumers: the subject index over the
// personal-data topics, the deny table (every instance reads the whole deny list), and the
// requests; plus the monitors table (personal features for anonymising) and the export route.
import { createConsumeLoop } from '@driftline/kafka';
import type { ConsumeLoopHooks } from '@driftline/kafka';
import type { Route } from '@driftline/metrics';
import type { SubjectRequest } from '@driftline/schemas';
import type { Logger } from '@driftline/service-kit';
import { DenyList } from './core/deny-list.ts';
import type { EraseMode } from './core/subject-request.ts';
import type { EraserTopics } from './config.ts';
import { createDenyTable } from './deny/deny-table.ts';
import { createExportRoutes } from './exports/export-routes.ts';
import { createExportStore } from './exports/export-store.ts';
import { createIndexHandler } from './index/index-handler.ts';
import type { IndexedValue } from './index/index-handler.ts';
import type { MessageSource, MonitorTable } from './ports.ts';
import { createActionContext } from './requests/action-context.ts';
import type { ActionDeps } from './requests/action-context.ts';
import { createRequestHandler } from './requests/request-handler.ts';

/** What the app needs besides what it builds itself (deny list, exports, action context). */
export interface EraserAppDeps extends Pick<ActionDeps, 'readerSource' | 'publisher' | 'admin' | 'serde' | 'index' | 'keys' | 'crypto' | 'pseudonymizer' | 'pendingJoins' | 'aggregates' | 'metrics' | 'now' | 'newId'> {
  readonly indexSource: MessageSource;
  readonly requestSource: MessageSource;
  /** A source in a consumer group of its own (each instance reads the whole deny list). */
  readonly denySource: MessageSource;
  readonly monitors: MonitorTable;
  readonly logger: Logger;
  readonly consumeHooks?: ConsumeLoopHooks;
  readonly config: {
    readonly topics: EraserTopics;
    readonly indexGroup: string;
    readonly requestsGroup: string;
    readonly deadlineMs: number;
    readonly defaultMode: EraseMode;
    readonly guardTtlMs: number;
    readonly handledTtlMs: number;
    readonly downstreamWaitMs: number;
    readonly exportTtlMs: number;
    /** Serve the exports route (only with a bearer token: exports are personal data). */
    readonly serveExports: boolean;
  };
}

export interface EraserApp {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Rejects with the error that stopped a consumer. */
  done(): Promise<void>;
  isReady(): boolean;
  readonly routes: Route[];
}

export function createApp(deps: EraserAppDeps): EraserApp {
  const { topics } = deps.config;
  const denyList = new DenyList();
  const exports = createExportStore({ ttlMs: deps.config.exportTtlMs, now: deps.now });
  const ctx = createActionContext({
    ...deps, denyList, exports, logger: deps.logger.child({ module: 'requests' }), sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    settings: {
      topics, indexGroup: deps.config.indexGroup, deadlineMs: deps.config.deadlineMs, guardTtlMs: deps.config.guardTtlMs, handledTtlMs: deps.config.handledTtlMs,
      downstreamWaitMs: deps.config.downstreamWaitMs, defaultMode: deps.config.defaultMode,
    },
  });
  const hooks = deps.consumeHooks === undefined ? {} : { hooks: deps.consumeHooks };
  const indexLoop = createConsumeLoop<IndexedValue>({
    source: deps.indexSource, publisher: deps.publisher, serde: deps.serde, deadLetterTopic: topics.deadLetters, service: deps.config.indexGroup, now: deps.now, ...hooks,
    handler: createIndexHandler({ index: deps.index, keys: deps.keys, crypto: deps.crypto, serde: deps.serde, publisher: deps.publisher, denyList, toGuardId: ctx.toGuardId, metrics: deps.metrics, topics }),
  });
  const requestLoop = createConsumeLoop<SubjectRequest>({
    source: deps.requestSource, publisher: deps.publisher, serde: deps.serde, deadLetterTopic: topics.deadLetters, service: deps.config.requestsGroup, now: deps.now, chunkSize: 50, ...hooks,
    handler: createRequestHandler(ctx, { service: deps.config.requestsGroup }),
  });
  const denyTable = createDenyTable({ source: deps.denySource, admin: deps.admin, serde: deps.serde, topic: topics.requests, denyList });
  let ready = false;
  return {
    async start() {
      await deps.monitors.start();
      await denyTable.start();
      await indexLoop.start({ topics: [topics.predictions, topics.labels, topics.outcomes, topics.deadLetters], fromBeginning: true });
      await requestLoop.start({ topics: [topics.requests], fromBeginning: true });
      ready = true;
      deps.logger.info({ denied: denyList.size }, 'eraser started');
    },
    async stop() {
      ready = false;
      await Promise.all([requestLoop.stop(), indexLoop.stop(), denyTable.stop(), deps.monitors.stop()]);
    },
    async done() {
      try { await Promise.race([indexLoop.done(), requestLoop.done(), denyTable.done()]); } finally { ready = false; }
    },
    isReady: () => ready,
    routes: deps.config.serveExports ? createExportRoutes(exports) : [],
  };
}
