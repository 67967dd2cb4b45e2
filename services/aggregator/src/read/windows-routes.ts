// The read API (JSON): windows and rolling views by model, version, slice and time range.
// Slice-windows with fewer records than the k-anonymity floor are never returned, only counted.
import type { Route } from '@driftline/metrics';
import type { StateStore } from '@driftline/redis-state';
import { aggregatorErrorCodes } from '../errors.ts';
import { OVERALL, parseIndexMember, toIndexKey, toWindowKey } from '../core/keys.ts';
import type { WindowId } from '../core/keys.ts';
import type { ModelContext } from '../core/model-context.ts';
import { fromWindowHash } from '../core/window-codec.ts';
import type { WindowAccumulator } from '../core/window-accumulator.ts';
import { toWindowDetail, toWindowView } from '../core/window-view.ts';
import { mergeWindows } from '../core/window-accumulator.ts';
import type { WindowView } from '../core/window-view.ts';
import { toWatermarkKey } from '../core/keys.ts';

export interface ReadDeps {
  readonly store: StateStore;
  readonly contexts: () => ReadonlyMap<string, ModelContext>;
  readonly redisPrefix: string;
  readonly kAnonymity: number;
  readonly now: () => number;
  /** Non-undefined while state is being rebuilt: reads are refused with this reason. */
  readonly unavailable: () => string | undefined;
}

type Reply = { status: number; body: unknown };

export function createReadRoutes(deps: ReadDeps): Route[] {
  return [{
    method: 'GET',
    path: '/v1/watermarks',
    handle: async () => {
      const reason = deps.unavailable();
      if (reason !== undefined) return { status: 503, body: { error: reason, code: aggregatorErrorCodes.DL_AGG_REBUILDING } };
      return { status: 200, body: { partitions: toPartitionWatermarks(await deps.store.getHash(toWatermarkKey(deps.redisPrefix))) } };
    },
  }, {
    method: 'GET',
    path: '/v1/models',
    handle: async (_req, url) => {
      const reason = deps.unavailable();
      if (reason !== undefined) return { status: 503, body: { error: reason, code: aggregatorErrorCodes.DL_AGG_REBUILDING } };
      const parts = url.pathname.split('/').filter((p) => p !== '').slice(2).map(decodeURIComponent);
      if (parts.length === 0) return { status: 200, body: { models: [...deps.contexts().values()].map((c) => ({ modelId: c.modelId, profileId: c.profileId, windowSizeMs: c.spec.windows.size, slices: c.spec.slices.keys })) } };
      const [modelId, view] = parts;
      const ctx = modelId === undefined ? undefined : deps.contexts().get(modelId);
      if (ctx === undefined) return { status: 404, body: { error: `no monitor spec for model ${modelId ?? ''}`, code: aggregatorErrorCodes.DL_AGG_UNKNOWN_MODEL } };
      if (view === 'windows') return windows(deps, ctx, url);
      if (view === 'rolling') return rolling(deps, ctx, url);
      return { status: 404, body: { error: 'use /v1/models/<model>/windows or /v1/models/<model>/rolling' } };
    },
  }];
}

/** Windows whose start is in [from, to] (default: the last 24 h), filtered by version and slice. */
async function windows(deps: ReadDeps, ctx: ModelContext, url: URL): Promise<Reply> {
  const to = numberParam(url, 'to') ?? deps.now();
  const from = numberParam(url, 'from') ?? to - 86_400_000;
  const loaded = await load(deps, ctx, url, from, to);
  const views = toVisibleViews(deps, ctx, loaded.windows, url.searchParams.get('detail') === 'stats');
  return { status: 200, body: { modelId: ctx.modelId, from, to, windows: views.visible, suppressed: views.suppressed } };
}

/** The last N windows (default spec.windows.rolling) merged per version and slice. */
async function rolling(deps: ReadDeps, ctx: ModelContext, url: URL): Promise<Reply> {
  const n = numberParam(url, 'windows') ?? ctx.spec.windows.rolling;
  const size = ctx.spec.windows.size;
  const to = numberParam(url, 'to') ?? deps.now();
  const from = Math.floor(to / size) * size - (n - 1) * size;
  const loaded = await load(deps, ctx, url, from, to);
  const merged = new Map<string, WindowAccumulator>();
  for (const w of loaded.windows) {
    const key = `${w.id.version}\u0000${w.id.slice}`;
    const prev = merged.get(key);
    merged.set(key, prev === undefined ? w : mergeWindows(prev, w));
  }
  const views = toVisibleViews(deps, ctx, [...merged.values()], url.searchParams.get('detail') === 'stats');
  return { status: 200, body: { modelId: ctx.modelId, windows: n, from, to, views: views.visible, suppressed: views.suppressed } };
}

async function load(deps: ReadDeps, ctx: ModelContext, url: URL, from: number, to: number): Promise<{ windows: WindowAccumulator[] }> {
  const version = url.searchParams.get('version');
  const slice = url.searchParams.get('slice');
  const members = await deps.store.rangeIndex(toIndexKey(deps.redisPrefix, ctx.modelId), from, to);
  const ids = members.map((m) => parseIndexMember(ctx.modelId, m)).filter((id): id is WindowId => id !== undefined)
    .filter((id) => (version === null || id.version === version) && (slice === null || id.slice === slice || id.slice === OVERALL));
  const hashes = await Promise.all(ids.map((id) => deps.store.getHashFields(toWindowKey(deps.redisPrefix, id))));
  const windows = ids.flatMap((id, i) => {
    const hash = hashes[i];
    const empty = hash === undefined || Object.keys(hash.numbers).length + Object.keys(hash.vectors).length === 0;
    return empty ? [] : [fromWindowHash(id, hash, ctx)]; // expired windows leave index members behind
  });
  return { windows: slice === null || slice === OVERALL ? windows : windows.filter((w) => w.id.slice === slice || w.id.slice === OVERALL) };
}

/**
 * Views of the windows at or above the k-anonymity floor; overall windows give each slice its share.
 * With `detail`, each view also carries its raw accumulators (`stats`), for the detector.
 */
function toVisibleViews(deps: ReadDeps, ctx: ModelContext, windows: readonly WindowAccumulator[], detail: boolean): { visible: WindowView[]; suppressed: number } {
  const floor = Math.max(deps.kAnonymity, ctx.spec.privacy.kAnonymity);
  const overall = new Map(windows.filter((w) => w.id.slice === OVERALL).map((w) => [`${w.id.version}\u0000${w.id.start}`, w.records]));
  const visible: WindowView[] = [];
  let suppressed = 0;
  for (const w of windows) {
    if (w.records < floor) { suppressed++; continue; }
    const view = toWindowView(w, ctx, overall.get(`${w.id.version}\u0000${w.id.start}`) ?? null);
    visible.push(detail ? { ...view, stats: toWindowDetail(w) } : view);
  }
  visible.sort((a, b) => a.start - b.start || (a.slice < b.slice ? -1 : a.slice > b.slice ? 1 : 0));
  return { visible, suppressed };
}

function numberParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** `<topic>:<partition>` → last applied offset and event-time watermark, from the watermarks hash. */
function toPartitionWatermarks(hash: Readonly<Record<string, number>>): Record<string, { offset: number; eventTime: number | null }> {
  const out: Record<string, { offset: number; eventTime: number | null }> = {};
  for (const [field, value] of Object.entries(hash)) {
    if (field.endsWith(':ts')) continue;
    const ts = hash[`${field}:ts`];
    out[field] = { offset: value, eventTime: ts ?? null };
  }
  return out;
}
