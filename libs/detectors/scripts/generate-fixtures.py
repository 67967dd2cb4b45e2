"""Golden fixtures for @driftline/detectors from the real River 0.26.1.

Run:  bash libs/detectors/scripts/setup-venv.sh && libs/detectors/.venv/bin/python libs/detectors/scripts/generate-fixtures.py
Writes libs/detectors/test/fixtures/river/<stream>.json: the stream (a seeded recipe that
src/evaluation/stream-recipe.ts regenerates bit for bit, or the literal values for the streams
River's own docs and tests use), a fingerprint, and for every detector case River's drift indices,
warning index ranges and, for ADWIN, the final width/total/variance.
"""
from __future__ import annotations

import json
import math
import pathlib
import random
import sys

import numpy as np
import river
from river import drift

from streams import generate_stream

OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "river"

# kind -> (River factory, our camelCase param name -> River's name)
DETECTORS = {
    "adwin": (drift.ADWIN, {"delta": "delta", "clock": "clock", "maxBuckets": "max_buckets",
                            "minWindowLength": "min_window_length", "gracePeriod": "grace_period"}),
    "page-hinkley": (drift.PageHinkley, {"minInstances": "min_instances", "delta": "delta", "threshold": "threshold",
                                         "alpha": "alpha", "mode": "mode"}),
    "kswin": (drift.KSWIN, {"alpha": "alpha", "windowSize": "window_size", "statSize": "stat_size", "seed": "seed",
                            "window": "window"}),
    "ddm": (drift.binary.DDM, {"warmStart": "warm_start", "warningThreshold": "warning_threshold",
                               "driftThreshold": "drift_threshold"}),
    "eddm": (drift.binary.EDDM, {"warmStart": "warm_start", "alpha": "alpha", "beta": "beta"}),
    "hddm-a": (drift.binary.HDDMA, {"driftConfidence": "drift_confidence", "warningConfidence": "warning_confidence",
                                    "twoSidedTest": "two_sided_test"}),
    "hddm-w": (drift.binary.HDDMW, {"driftConfidence": "drift_confidence", "warningConfidence": "warning_confidence",
                                    "lambda": "lambda_val", "twoSidedTest": "two_sided_test"}),
}
KSWIN_DEFAULT_SEED = 42  # River's default seed is None (non-deterministic); ours is 42.


def build(kind: str, params: dict):
    factory, names = DETECTORS[kind]
    kwargs = {names[k]: v for k, v in params.items()}
    if kind == "kswin" and "seed" not in kwargs:
        kwargs["seed"] = KSWIN_DEFAULT_SEED
    return factory(**kwargs)


def run_case(kind: str, params: dict, values: list) -> dict:
    det = build(kind, params)
    drifts: list[int] = []
    warnings: list[list[int]] = []
    has_warning = hasattr(det, "warning_detected")
    for i, x in enumerate(values):
        det.update(x)
        if det.drift_detected:
            drifts.append(i)
        if has_warning and det.warning_detected:
            if warnings and warnings[-1][1] == i:
                warnings[-1][1] = i + 1
            else:
                warnings.append([i, i + 1])
    case = {"kind": kind, "params": params, "drifts": drifts, "warnings": warnings}
    if kind == "adwin":
        case["final"] = {"width": det.width, "total": det.total, "variance": det.variance}
    return case


def published_streams() -> dict:
    """The streams of River's docstrings and tests (reference/detectors.md section 2), as literal values."""
    out = {}
    rng = random.Random(12345)
    out["py12345"] = rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)
    rng = random.Random(42)
    out["py42bin"] = rng.choices([0, 1], k=1000) + rng.choices([0, 1], k=1000, weights=[0.3, 0.7])
    rng = random.Random(42)
    out["py42x4"] = (rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)
                     + rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000))
    np.random.seed(12345)
    out["np-ds1"] = np.concatenate([np.random.randint(2, size=1000), np.random.randint(8, size=1000)]).tolist()
    np.random.seed(12345)
    out["np-ds2"] = np.concatenate([np.random.binomial(1, 0.2, size=1000), np.random.binomial(1, 0.8, size=1000)]).astype(int).tolist()
    np.random.seed(12345)
    parts = [np.random.normal(m, 0.1, size=500) > 0 for m in (0, 0.25, 0, 0.25)]
    out["np-ds3"] = np.concatenate(parts).astype(int).tolist()
    return out


def normal(n, mean, sd):
    return {"kind": "normal", "n": n, "mean": mean, "sd": sd}


def bern(n, p):
    return {"kind": "bernoulli", "n": n, "p": p}


RECIPES = {
    "abrupt-normal": {"seed": 1, "segments": [normal(3000, 0, 1), normal(3000, 1.5, 1), normal(3000, -0.5, 1)]},
    "gradual-normal": {"seed": 2, "segments": [normal(3000, 0, 1), {"kind": "ramp", "n": 3000, "from": 0, "to": 2, "sd": 1},
                                                normal(3000, 2, 1)]},
    "stationary-normal": {"seed": 3, "segments": [normal(10000, 5, 2)]},
    "noisy-small-shift": {"seed": 4, "segments": [normal(5000, 0, 4), normal(5000, 0.8, 4)]},
    "variance-change": {"seed": 5, "segments": [normal(4000, 0, 1), normal(4000, 0, 3)]},
    "uniform-shift": {"seed": 8, "segments": [{"kind": "uniform", "n": 3000, "lo": 0, "hi": 1},
                                               {"kind": "uniform", "n": 3000, "lo": 0.3, "hi": 1.3}]},
    "long-abrupt": {"seed": 6, "segments": [normal(25000, 0, 1), normal(25000, 1, 1), normal(25000, 0.3, 1), normal(25000, 2, 1)]},
    "long-stationary": {"seed": 7, "segments": [normal(100000, 0, 1)]},
    "binary-abrupt": {"seed": 11, "segments": [bern(3000, 0.1), bern(3000, 0.4)]},
    "binary-gradual": {"seed": 12, "segments": [bern(3000, 0.1), {"kind": "bernoulli-ramp", "n": 3000, "from": 0.1, "to": 0.5},
                                                 bern(3000, 0.5)]},
    "binary-stationary": {"seed": 13, "segments": [bern(20000, 0.2)]},
    "binary-noisy-small-shift": {"seed": 15, "segments": [bern(5000, 0.3), bern(5000, 0.36)]},
    "binary-improving": {"seed": 16, "segments": [bern(3000, 0.4), bern(3000, 0.1)]},
    "binary-long": {"seed": 14, "segments": [bern(25000, 0.1), bern(25000, 0.3), bern(25000, 0.15), bern(25000, 0.5)]},
    "golden-b1": {"seed": 0, "segments": [{"kind": "golden", "n": 1000, "p": 0.2}, {"kind": "golden", "n": 1000, "p": 0.8}]},
    "golden-b2": {"seed": 0, "segments": [{"kind": "golden", "n": 1000, "p": 0.1}, {"kind": "golden", "n": 1000, "p": 0.3}]},
}

REAL_CASES = [
    ("adwin", {}), ("adwin", {"clock": 1}), ("adwin", {"delta": 0.05, "maxBuckets": 3, "minWindowLength": 8, "gracePeriod": 50}),
    ("page-hinkley", {}), ("page-hinkley", {"mode": "up"}), ("page-hinkley", {"mode": "down", "threshold": 20, "minInstances": 50}),
    ("kswin", {}), ("kswin", {"alpha": 0.0001, "windowSize": 200, "statSize": 100, "seed": 7}),
]
BINARY_CASES = [
    ("ddm", {}), ("ddm", {"warmStart": 100, "warningThreshold": 1.5, "driftThreshold": 2.5}),
    ("eddm", {}), ("eddm", {"alpha": 0.8, "beta": 0.75}),
    ("hddm-a", {}), ("hddm-a", {"twoSidedTest": True}), ("hddm-a", {"driftConfidence": 0.0001, "warningConfidence": 0.01}),
    ("hddm-w", {}), ("hddm-w", {"twoSidedTest": True}), ("hddm-w", {"lambda": 0.1, "twoSidedTest": True}),
]
LONG = {"long-abrupt", "long-stationary", "binary-long"}


# Extra cases for single streams: KSWIN with a pre-filled window (longer than window_size: the deque keeps the tail).
EXTRA_CASES = {
    "abrupt-normal": [("kswin", {"seed": 3, "window": [float(i % 7) for i in range(120)]})],
    # River's own KSWIN goldens: the docstring (PY12345 -> 1016) and tests/drift (NP_ds1 -> [1042]).
    "py12345": [("kswin", {"alpha": 0.0001, "seed": 42})],
    "np-ds1": [("kswin", {"alpha": 0.0001, "windowSize": 200, "statSize": 100, "seed": 42})],
}


def cases_for(name: str, binary: bool) -> list:
    real = REAL_CASES + EXTRA_CASES.get(name, [])
    if name in LONG:  # River's KSWIN runs at ~2k updates/s: one KSWIN case per long stream
        real = [c for c in REAL_CASES if not (c[0] == "kswin" and c[1])]
    return real + (BINARY_CASES if binary else [])


def fingerprint(values: list) -> dict:
    total = 0.0
    for v in values:
        total += v
    return {"n": len(values), "sum": total}


def main() -> None:
    if river.__version__ != "0.26.1":
        sys.exit(f"need river 0.26.1, found {river.__version__}")
    only = set(sys.argv[1:])
    OUT.mkdir(parents=True, exist_ok=True)
    streams = {name: ({"values": v}, v) for name, v in published_streams().items()}
    streams.update({name: ({"recipe": r}, generate_stream(r)) for name, r in RECIPES.items()})
    for name, (source, values) in streams.items():
        if only and name not in only:
            continue
        binary = all(v in (0, 1) for v in values)
        cases = [run_case(kind, params, values) for kind, params in cases_for(name, binary)]
        doc = {"river": river.__version__, "numpy": np.__version__, "name": name, **source,
               "fingerprint": fingerprint(values), "cases": cases}
        text = json.dumps(doc, separators=(",", ":"), allow_nan=False)
        (OUT / f"{name}.json").write_text(text + "\n")
        print(f"{name}: {len(values)} values, {len(cases)} cases, {sum(len(c['drifts']) for c in cases)} drifts", flush=True)


if __name__ == "__main__":
    main()
