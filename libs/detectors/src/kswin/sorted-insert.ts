/** Sorts `a[0..n)` in place by insertion (fast for the small samples KSWIN compares). */
export function insertionSort(a: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i] ?? 0;
    let j = i - 1;
    while (j >= 0 && (a[j] ?? 0) > v) {
      a[j + 1] = a[j] ?? 0;
      j--;
    }
    a[j + 1] = v;
  }
}

/** In the sorted `a[0..n)`, replaces one occurrence of `out` by `inn`, keeping it sorted. */
export function replaceSorted(a: Float64Array, n: number, out: number, inn: number): void {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] ?? 0) < out) lo = mid + 1;
    else hi = mid;
  }
  let i = lo;
  if (inn > out) {
    while (i + 1 < n && (a[i + 1] ?? 0) < inn) {
      a[i] = a[i + 1] ?? 0;
      i++;
    }
  } else {
    while (i > 0 && (a[i - 1] ?? 0) > inn) {
      a[i] = a[i - 1] ?? 0;
      i--;
    }
  }
  a[i] = inn;
}
