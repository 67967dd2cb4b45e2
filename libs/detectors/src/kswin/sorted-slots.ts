/**
 * The values of a run of ring-buffer slots kept in sorted order, with each value's slot and each
 * slot's rank, so that KSWIN can slide its older region by one (drop one slot, add another) in
 * O(region) simple moves, and read any subset of slots back in sorted order without sorting.
 */
export class SortedSlots {
  readonly values: Float64Array;
  readonly slots: Int32Array;
  readonly #rankOf: Int32Array;

  constructor(size: number, ringSize: number) {
    this.values = new Float64Array(size);
    this.slots = new Int32Array(size);
    this.#rankOf = new Int32Array(ringSize);
  }

  /** Rebuilds from the `size` slots starting at ring index `start`. */
  rebuild(ring: Float64Array, start: number): void {
    const n = this.values.length;
    const order = Array.from({ length: n }, (_, i) => (start + i) % ring.length);
    order.sort((a, b) => (ring[a] ?? 0) - (ring[b] ?? 0));
    order.forEach((slot, r) => {
      this.values[r] = ring[slot] ?? 0;
      this.slots[r] = slot;
      this.#rankOf[slot] = r;
    });
  }

  /** Removes slot `out` and inserts `value` held in slot `inn`. */
  replace(out: number, inn: number, value: number): void {
    const values = this.values;
    const slots = this.slots;
    const rankOf = this.#rankOf;
    const n = values.length;
    let i = rankOf[out] ?? 0;
    while (i + 1 < n && (values[i + 1] ?? 0) < value) {
      const s = slots[i + 1] ?? 0;
      values[i] = values[i + 1] ?? 0;
      slots[i] = s;
      rankOf[s] = i;
      i++;
    }
    while (i > 0 && (values[i - 1] ?? 0) > value) {
      const s = slots[i - 1] ?? 0;
      values[i] = values[i - 1] ?? 0;
      slots[i] = s;
      rankOf[s] = i;
      i--;
    }
    values[i] = value;
    slots[i] = inn;
    rankOf[inn] = i;
  }

  /** Writes, in sorted order, the values whose slot is marked (mark[slot] = 1); returns how many. */
  gatherMarked(mark: Uint8Array, out: Float64Array): number {
    let k = 0;
    for (let r = 0; r < this.values.length; r++) {
      if (mark[this.slots[r] ?? 0] === 1) out[k++] = this.values[r] ?? 0;
    }
    return k;
  }
}
