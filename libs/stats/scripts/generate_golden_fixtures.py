"""Writes golden drift-statistic values computed by Evidently 0.7.21 and SciPy 1.17.1.

Every case stores its input samples, so the TypeScript tests recompute from the same data.
Floats are written with repr() (round-trip exact); inf/nan are written as strings.
"""
import json
import math
import sys

import numpy as np
import pandas as pd
import scipy
import evidently
from scipy import stats
from scipy.special import smirnov
from evidently.legacy.core import ColumnType
from evidently.legacy.calculations.stattests.registry import get_stattest

rng = np.random.default_rng(20261127)


def num(a, decimals=4):
    return [float(x) for x in np.round(np.asarray(a, dtype=float), decimals)]


def enc(x):
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


cases = []


def add(name, kind, ref, cur):
    cases.append({"name": name, "featureType": kind, "reference": ref, "current": cur})


cats = ["married", "single", "divorced", "widowed", "separated"]
add("normal-shift-unequal", "numeric", num(rng.normal(0, 1, 300)), num(rng.normal(0.3, 1.2, 250)))
add("normal-equal-sizes", "numeric", num(rng.normal(0, 1, 200)), num(rng.normal(0.1, 1, 200)))
add("income-lognormal", "numeric", num(rng.lognormal(10.5, 0.6, 5000), 2), num(rng.lognormal(10.6, 0.65, 4000), 2))
add("asymptotic-ties", "numeric", num(rng.gamma(2.0, 3.0, 12000), 2), num(rng.gamma(2.2, 3.0, 3000), 2))
add("asymptotic-small-current", "numeric", num(rng.normal(50, 10, 11000), 2), num(rng.normal(55, 10, 40), 2))
add("asymptotic-no-drift", "numeric", num(rng.normal(0, 1, 10200), 3), num(rng.normal(0, 1, 600), 3))
add("age-integers", "numeric", [float(x) for x in rng.integers(18, 90, 800)], [float(x) for x in rng.integers(21, 95, 600)])
add("few-unique-numeric", "numeric", [float(x) for x in rng.choice([1, 2, 3, 4], 500, p=[0.4, 0.3, 0.2, 0.1])],
    [float(x) for x in rng.choice([1, 2, 3, 4], 400, p=[0.3, 0.3, 0.2, 0.2])])
add("binary-numeric", "numeric", [float(x) for x in rng.integers(0, 2, 600)], [float(x) for x in (rng.random(500) < 0.6)])
add("constant-reference", "numeric", [5.0] * 100, num(np.concatenate([np.full(80, 5.0), rng.normal(5, 0.1, 20)])))
add("fifteen-levels-large", "numeric", [float(x) for x in rng.integers(0, 15, 1500)], [float(x) for x in rng.integers(2, 15, 1200)])
add("identical-samples", "numeric", num(rng.normal(3, 2, 400)), None)
cases[-1]["current"] = cases[-1]["reference"]
add("categories-new-in-current", "categorical", list(rng.choice(cats[:4], 400, p=[0.5, 0.3, 0.15, 0.05])),
    list(rng.choice(cats, 300, p=[0.45, 0.3, 0.15, 0.05, 0.05])))
add("categories-small", "categorical", list(rng.choice(cats, 500, p=[0.4, 0.3, 0.15, 0.1, 0.05])),
    list(rng.choice(cats, 450, p=[0.35, 0.35, 0.15, 0.1, 0.05])))
add("categories-large", "categorical", list(rng.choice([f"zip-{i:02d}" for i in range(12)], 5000)),
    list(rng.choice([f"zip-{i:02d}" for i in range(12)], 3000, p=np.linspace(1, 2, 12) / np.linspace(1, 2, 12).sum())))
add("binary-categorical", "categorical", list(rng.choice(["no", "yes"], 900, p=[0.7, 0.3])), list(rng.choice(["no", "yes"], 700, p=[0.6, 0.4])))
add("binary-categorical-large", "categorical", list(rng.choice(["no", "yes"], 2000, p=[0.7, 0.3])), list(rng.choice(["no", "yes"], 1500, p=[0.7, 0.3])))
add("same-constant", "categorical", ["x"] * 50, ["x"] * 60)
for c in cases:
    if c["featureType"] == "categorical":
        c["reference"] = [str(v) for v in c["reference"]]
        c["current"] = [str(v) for v in c["current"]]

numeric_methods = ["psi", "kl_div", "jensenshannon", "hellinger", "wasserstein", "ks", "chisquare", "z"]
categorical_methods = ["psi", "kl_div", "jensenshannon", "hellinger", "chisquare", "z"]

for c in cases:
    numeric = c["featureType"] == "numeric"
    ct = ColumnType.Numerical if numeric else ColumnType.Categorical
    ref = pd.Series(c["reference"])
    cur = pd.Series(c["current"])
    n_unique = pd.concat([ref, cur]).nunique()
    results = {}
    for m in numeric_methods if numeric else categorical_methods:
        if m == "z" and n_unique > 2:
            continue
        if m == "chisquare" and numeric and n_unique > 5:
            continue
        test = get_stattest(ref, cur, ct, m) if not (numeric and m in ("chisquare", "z")) else get_stattest(
            ref, cur, ColumnType.Categorical, m)
        r = test(ref.copy(), cur.copy(), ct, None)
        results[m] = {"score": enc(r.drift_score), "drift": bool(r.drifted), "threshold": enc(r.actual_threshold)}
    default = get_stattest(ref, cur, ct, None)
    c["evidently"] = {"default": default.name, "results": results}
    # L-infinity over the union of values (NannyML/TFDV definition), computed with NumPy.
    keys = sorted(set(c["reference"]) | set(c["current"]))
    rs = np.array([c["reference"].count(k) for k in keys]) / len(c["reference"])
    cs = np.array([c["current"].count(k) for k in keys]) / len(c["current"])
    c["linfinity"] = enc(np.max(np.abs(rs - cs)))
    if numeric:
        ks = {}
        for method in ("auto", "exact", "asymp"):
            res = stats.ks_2samp(np.array(c["reference"]), np.array(c["current"]), method=method)
            ks[method] = {"statistic": enc(res.statistic), "pValue": enc(res.pvalue)}
        c["scipy"] = {
            "ks_2samp": ks,
            "wasserstein": enc(stats.wasserstein_distance(c["reference"], c["current"])),
            "refStd": enc(np.std(c["reference"])),
        }

kstwo_grid = []
for n in [1, 2, 5, 10, 37, 100, 140, 141, 500, 1000, 2500, 10000, 60000, 150000, 2000000]:
    for x in [0.001, 0.004, 0.01, 0.02, 0.05, 0.08, 0.12, 0.2, 0.3, 0.45, 0.5, 0.7, 0.95]:
        kstwo_grid.append({"n": n, "x": x, "sf": enc(stats.kstwo.sf(x, n))})
smirnov_grid = [{"n": n, "x": x, "sf": enc(smirnov(n, x))} for n in [2, 10, 100, 1000, 20000, 300000, 2000000] for x in [0.0001, 0.001, 0.01, 0.05, 0.1, 0.3, 0.6, 0.9]]
chi2_grid = [{"x": x, "dof": k, "sf": enc(stats.chi2.sf(x, k))} for k in [1, 2, 3, 7, 30, 120] for x in [0.01, 0.5, 2.0, 7.5, 40.0, 300.0]]
norm_grid = [{"x": x, "cdf": enc(stats.norm.cdf(x))} for x in [-8, -3.2, -1, -0.1, 0, 0.3, 1.7, 4, 9]]

bh_cases = []
for size in [1, 3, 10, 40]:
    p = [float(x) for x in np.round(rng.beta(0.4, 2.0, size), 6)]
    bh_cases.append({"pValues": p, "adjusted": [enc(x) for x in stats.false_discovery_control(p, method="bh")]})

out = {
    "generator": "libs/stats/scripts/generate_golden_fixtures.py",
    "versions": {"evidently": evidently.__version__, "scipy": scipy.__version__, "numpy": np.__version__, "pandas": pd.__version__},
    "cases": cases,
    "kstwoSf": kstwo_grid,
    "smirnovSf": smirnov_grid,
    "chi2Sf": chi2_grid,
    "normCdf": norm_grid,
    "benjaminiHochberg": bh_cases,
}
with open(sys.argv[1], "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {sys.argv[1]}")
