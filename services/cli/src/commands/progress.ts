// A progress line on stderr for long runs: at most one update per 500 ms, only for large inputs.
export interface Progress {
  tick(n: number): void;
  done(): void;
}

export function createProgress(options: { total: number; label: string; out: NodeJS.WritableStream; minTotal?: number }): Progress {
  const enabled = options.total >= (options.minTotal ?? 10_000);
  const started = performance.now();
  let count = 0;
  let last = 0;
  const draw = (): void => {
    const width = 30;
    const share = options.total === 0 ? 1 : count / options.total;
    const filled = Math.round(share * width);
    const rate = count / Math.max(0.001, (performance.now() - started) / 1000);
    options.out.write(`\r${options.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}/${options.total} ${Math.round(rate)} rec/s`);
  };
  return {
    tick(n) {
      count += n;
      const now = performance.now();
      if (enabled && now - last > 500) { last = now; draw(); }
    },
    done() {
      if (enabled) { draw(); options.out.write('\n'); }
    },
  };
}
