import type { DetectorResult, DetectorSnapshot, DriftDetector } from '../core/detector.ts';
import { toResult } from '../core/detector.ts';
import { checkFinite } from '../core/input.ts';
import { readSnapshot, toSnapshot } from '../core/snapshot.ts';
import type { StateReader } from '../core/snapshot.ts';
import type { AdwinParams } from './adwin-params.ts';
import { parseAdwinParams } from './adwin-params.ts';
import { AdwinWindow } from './adwin-window.ts';

export interface AdwinState {
  /** The last update detected a change: the next update starts from an empty window. */
  readonly drift: boolean;
  readonly width: number;
  readonly total: number;
  readonly variance: number;
  readonly tick: number;
  readonly detections: number;
  /** Row r: buckets of 2^r items, oldest first, flattened as [sum, M2, sum, M2, …]. */
  readonly rows: number[][];
}

export type AdwinSnapshot = DetectorSnapshot<'adwin', AdwinParams, AdwinState>;

/**
 * ADWIN (Bifet & Gavaldà 2007) as River 0.26.1 runs it: clocked cut test, the whole-window
 * variance in ε, deletion of the oldest bucket per cut, and a full reset on the update after a
 * detection. Real-valued input; no warning.
 */
export class Adwin implements DriftDetector<'adwin', AdwinParams, AdwinState> {
  readonly kind = 'adwin';
  #params: AdwinParams;
  #window: AdwinWindow;
  #drift = false;

  constructor(params?: Partial<AdwinParams>) {
    this.#params = parseAdwinParams(params);
    this.#window = new AdwinWindow(this.#params);
  }

  get params(): AdwinParams {
    return this.#params;
  }

  /** Number of items in the window. */
  get width(): number {
    return this.#window.width;
  }

  get total(): number {
    return this.#window.total;
  }

  /** M2 of the window (River's `variance` property), not divided by the width. */
  get variance(): number {
    return this.#window.variance;
  }

  /** Mean of the window, 0 when empty. */
  get estimation(): number {
    const w = this.#window.width;
    return w === 0 ? 0 : this.#window.total / w;
  }

  /** Detections since the last reset (River's `n_detections`: 0 or 1). */
  get nDetections(): number {
    return this.#window.detections;
  }

  update(x: number): DetectorResult {
    checkFinite('adwin', x);
    if (this.#drift) this.#window.reset();
    this.#drift = this.#window.update(x);
    return toResult(this.#drift, false);
  }

  snapshot(): AdwinSnapshot {
    const w = this.#window;
    return toSnapshot('adwin', this.#params, { drift: this.#drift, width: w.width, total: w.total, variance: w.variance, tick: w.tick, detections: w.detections, rows: w.toRows() });
  }

  restore(snapshot: unknown): void {
    const { params, state } = readSnapshot('adwin', snapshot);
    const p = parseAdwinParams(params);
    const rows = readRows(state, p.maxBuckets);
    const width = state.int('width', 0);
    const expected = rows.reduce((sum, row, r) => sum + (row.length / 2) * 2 ** r, 0);
    if (expected !== width) state.reject('width', `must equal the items held in rows (${expected})`);
    const window = new AdwinWindow(p);
    window.loadRows(rows);
    window.width = width;
    window.total = state.num('total');
    window.variance = state.num('variance');
    window.tick = state.int('tick', 0);
    window.detections = state.int('detections', 0);
    this.#drift = state.bool('drift');
    this.#params = p;
    this.#window = window;
  }
}

function readRows(state: StateReader, maxBuckets: number): number[][] {
  const raw = state.list('rows');
  if (raw.length === 0 || raw.length > 64) state.reject('rows', 'must hold 1 to 64 rows');
  return raw.map((row, r) => {
    const ok = Array.isArray(row) && row.length % 2 === 0 && row.length <= maxBuckets * 2
      && row.every((v) => typeof v === 'number' && Number.isFinite(v))
      && (r === 0 || r < raw.length - 1 || row.length > 0);
    if (!ok) state.reject('rows', `row ${r} must hold at most ${maxBuckets} (sum, M2) pairs of finite numbers, and the top row at least one`);
    return row as number[];
  });
}
