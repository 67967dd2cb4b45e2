"""River 0.26.1 side of `npm run bench:detectors`: updates/s through River's Python API.

Usage: river-bench.py <dir> <budget-seconds> <runs>
<dir> holds real-stationary.f64, real-drift-heavy.f64, binary-stationary.f64, binary-drift-heavy.f64
(float64 little-endian, written by detectors-bench.ts). For each detector and stream, a probe run
sizes a prefix that takes about <budget> seconds (the whole stream when River is fast enough),
then the median of <runs> timed runs on that prefix is reported, by wall clock and by CPU time. Prints one JSON line per result.
"""
from __future__ import annotations

import json
import statistics
import sys
import time

import numpy as np
import river
from river import drift

FACTORIES = {
    "adwin": lambda: drift.ADWIN(),
    "page-hinkley": lambda: drift.PageHinkley(),
    "kswin": lambda: drift.KSWIN(seed=42),
    "ddm": lambda: drift.binary.DDM(),
    "eddm": lambda: drift.binary.EDDM(),
    "hddm-a": lambda: drift.binary.HDDMA(),
    "hddm-w": lambda: drift.binary.HDDMW(),
}
BINARY = {"ddm", "eddm", "hddm-a", "hddm-w"}


def timed(kind: str, xs: list) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one pass (CPU time is robust to a shared machine)."""
    update = FACTORIES[kind]().update
    start, cpu = time.perf_counter(), time.process_time()
    for x in xs:
        update(x)
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    folder, budget, runs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    streams = {}
    for family in ("real", "binary"):
        for name in ("stationary", "drift-heavy"):
            values = np.fromfile(f"{folder}/{family}-{name}.f64", dtype="<f8")
            streams[(family, name)] = values.astype(int).tolist() if family == "binary" else values.tolist()
    for kind in FACTORIES:
        family = "binary" if kind in BINARY else "real"
        for name in ("stationary", "drift-heavy"):
            xs = streams[(family, name)]
            probe = xs[: min(len(xs), 5000)]
            rate = len(probe) / timed(kind, probe)[1]
            n = min(len(xs), max(len(probe), int(rate * budget)))
            prefix = xs[:n]
            times = [timed(kind, prefix) for _ in range(runs)]
            print(json.dumps({"kind": kind, "stream": name, "n": n, "wall": n / statistics.median(t[0] for t in times),
                              "cpu": n / statistics.median(t[1] for t in times), "river": river.__version__}), flush=True)


if __name__ == "__main__":
    main()
