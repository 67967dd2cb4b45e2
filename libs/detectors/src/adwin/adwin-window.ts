import type { AdwinParams } from './adwin-params.ts';

/** 2^r for every row index a window of at most 2^53 items can need, and 2^−r. */
const POW2 = Float64Array.from({ length: 64 }, (_, r) => 2 ** r);
/** x·2^−r is the correctly rounded x/2^r, so it gives River's bits without a division. */
const INV_POW2 = Float64Array.from({ length: 64 }, (_, r) => 2 ** -r);

/**
 * ADWIN's exponential histogram and cut test, with River 0.26.1's (Rust `AdaptiveWindowing`)
 * arithmetic order so that results are bit-identical. Row r holds buckets of 2^r items, oldest
 * first; each bucket is a (sum, M2) pair stored flat in `cells`.
 */
export class AdwinWindow {
  width = 0;
  total = 0;
  /** Sum of squared deviations (M2) of the whole window, not divided by the width. */
  variance = 0;
  tick = 0;
  detections = 0;
  #rows = 1;
  #cells: Float64Array;
  #counts: Int32Array;
  readonly #stride: number;
  readonly #full: number;
  readonly #p: AdwinParams;

  constructor(params: AdwinParams) {
    this.#p = params;
    this.#full = params.maxBuckets + 1;
    this.#stride = this.#full * 2;
    this.#cells = new Float64Array(this.#stride * 4);
    this.#counts = new Int32Array(4);
  }

  reset(): void {
    this.width = 0;
    this.total = 0;
    this.variance = 0;
    this.tick = 0;
    this.detections = 0;
    this.#rows = 1;
    this.#counts.fill(0);
  }

  /** Adds x and runs the clocked cut test; true when a change was detected. */
  update(x: number): boolean {
    const counts = this.#counts;
    const c = counts[0] ?? 0;
    this.#cells[c * 2] = x;
    this.#cells[c * 2 + 1] = 0;
    counts[0] = c + 1;
    const w = this.width + 1;
    this.width = w;
    if (w > 1) {
      const d = x - this.total / (w - 1);
      this.variance += (w - 1) * d * d / w;
    }
    this.total += x;
    if (c + 1 === this.#full) this.#compress();
    this.tick++;
    if (this.tick % this.#p.clock !== 0 || this.width <= this.#p.gracePeriod) return false;
    const change = this.#scan();
    if (change) this.detections++;
    return change;
  }

  #compress(): void {
    const full = this.#full;
    for (let r = 0; ; r++) {
      if (r + 1 >= this.#rows) this.#addRow();
      const cells = this.#cells;
      const counts = this.#counts;
      const base = r * this.#stride;
      const n1 = POW2[r] ?? 0;
      const inv = INV_POW2[r] ?? 0;
      const t0 = cells[base] ?? 0;
      const v0 = cells[base + 1] ?? 0;
      const t1 = cells[base + 2] ?? 0;
      const v1 = cells[base + 3] ?? 0;
      const diff = t0 * inv - t1 * inv;
      const next = counts[r + 1] ?? 0;
      const at = (r + 1) * this.#stride + next * 2;
      cells[at] = t0 + t1;
      cells[at + 1] = v0 + v1 + n1 * 0.5 * diff * diff;
      counts[r + 1] = next + 1;
      const end = base + (counts[r] ?? 0) * 2;
      for (let i = base; i < end - 4; i++) cells[i] = cells[i + 4] ?? 0;
      counts[r] = (counts[r] ?? 0) - 2;
      if (next + 1 < full) return;
    }
  }

  #addRow(): void {
    const rows = this.#rows + 1;
    if (rows > this.#counts.length) {
      const cap = this.#counts.length * 2;
      const cells = new Float64Array(cap * this.#stride);
      cells.set(this.#cells);
      const counts = new Int32Array(cap);
      counts.set(this.#counts);
      this.#cells = cells;
      this.#counts = counts;
    }
    this.#counts[rows - 1] = 0;
    this.#rows = rows;
  }

  /** Repeats the scan, dropping the oldest bucket after every cut, until no cut is found. */
  #scan(): boolean {
    let change = false;
    while (this.#scanOnce()) {
      change = true;
      this.#deleteOldest();
    }
    return change;
  }

  #scanOnce(): boolean {
    const { minWindowLength: mwl, delta } = this.#p;
    const width = this.width;
    const deltaPrime = Math.log(2 * Math.log(width) / delta);
    const varianceRatio = this.variance / width;
    const cells = this.#cells;
    const counts = this.#counts;
    let n0 = 0;
    let n1 = width;
    let u0 = 0;
    let u1 = this.total;
    for (let r = this.#rows - 1; r >= 0; r--) {
      const size = POW2[r] ?? 0;
      const count = counts[r] ?? 0;
      const base = r * this.#stride;
      for (let k = 0; k < count; k++) {
        n0 += size;
        n1 -= size;
        const s = cells[base + k * 2] ?? 0;
        u0 += s;
        u1 -= s;
        if (r === 0 && k === count - 1) return false;
        if (n1 >= mwl && n0 >= mwl) {
          const m = 1 / (n0 - mwl + 1) + 1 / (n1 - mwl + 1);
          const epsilon = Math.sqrt(2 * m * varianceRatio * deltaPrime) + 2 / 3 * deltaPrime * m;
          if (Math.abs(u0 / n0 - u1 / n1) > epsilon) return true;
        }
      }
    }
    return false;
  }

  #deleteOldest(): void {
    const last = this.#rows - 1;
    const n = POW2[last] ?? 0;
    const base = last * this.#stride;
    const cells = this.#cells;
    const u = cells[base] ?? 0;
    const v = cells[base + 1] ?? 0;
    this.width -= n;
    this.total -= u;
    const d = u * (INV_POW2[last] ?? 0) - this.total / this.width;
    this.variance -= v + n * this.width * d * d / (n + this.width);
    const count = (this.#counts[last] ?? 0) - 1;
    for (let i = base; i < base + count * 2; i++) cells[i] = cells[i + 2] ?? 0;
    this.#counts[last] = count;
    if (count === 0 && last > 0) this.#rows = last;
  }

  /** Buckets per row, oldest first, as flat [sum, M2, sum, M2, …] lists. */
  toRows(): number[][] {
    const rows: number[][] = [];
    for (let r = 0; r < this.#rows; r++) {
      const base = r * this.#stride;
      rows.push(Array.from(this.#cells.subarray(base, base + (this.#counts[r] ?? 0) * 2)));
    }
    return rows;
  }

  /** Loads rows produced by {@link toRows}; the caller has validated their shape. */
  loadRows(rows: readonly (readonly number[])[]): void {
    this.#rows = 1;
    this.#counts.fill(0);
    rows.forEach((row, r) => {
      if (r > 0) this.#addRow();
      this.#cells.set(row, r * this.#stride);
      this.#counts[r] = row.length / 2;
    });
  }
}
