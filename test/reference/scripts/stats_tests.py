#!/usr/bin/python3
"""Reference values for src/stats/ (Mann–Whitney U, Welch's t) and the special functions behind them.

Run from the repository root with Debian's Python (python3-scipy 1.10, python3-numpy):
    /usr/bin/python3 test/reference/scripts/stats_tests.py
Writes test/reference/stats_tests.json.
"""
import json

import numpy as np
import scipy
from scipy import special, stats

rng = np.random.default_rng(20261202)
mwu, welch = [], []


def case(a, b):
    a = [float(v) for v in a]
    b = [float(v) for v in b]
    r = stats.mannwhitneyu(a, b)
    mwu.append({"a": a, "b": b, "statistic": float(r.statistic), "pValue": float(r.pvalue)})


# exact region: no ties, one sample of at most 8 (scipy's 'auto' rule), incl. 8 vs 300 and 3 vs 2000
# (8, 1000) takes the BigInt route (C(1008, 8) > 2^53); scipy needs about 20 s for it
for m, n in [(1, 1), (2, 3), (3, 7), (5, 5), (8, 8), (8, 9), (4, 40), (8, 300), (3, 2000), (1, 50), (8, 1000)]:
    values = rng.permutation(m + n * 3)[: m + n] + rng.random() * 0.5
    case(values[:m], values[m:])
# asymptotic: larger samples, ties, skewed spend-like data, shifted groups
for m, n in [(9, 9), (20, 30), (100, 80), (1000, 3000)]:
    case(np.round(rng.exponential(50, m), 0), np.round(rng.exponential(60, n), 0))
for m, n in [(5, 6), (7, 30)]:
    case(rng.integers(0, 4, m), rng.integers(0, 4, n))  # ties in small samples: asymptotic
case(rng.normal(0, 1, 400), rng.normal(0.3, 1, 500))
case(rng.normal(0, 1, 2000), rng.normal(2, 1, 2000))  # a far tail

for m, n, shift, scale in [(4, 4, 1, 2), (10, 30, 0.5, 1), (200, 50, 0.1, 3), (5000, 4000, 0.02, 1), (30, 30, 4, 1), (2, 9, 0, 1)]:
    a = rng.normal(0, 1, m)
    b = rng.normal(shift, scale, n)
    r = stats.ttest_ind(a, b, equal_var=False)
    sa, sb = a.var(ddof=1) / m, b.var(ddof=1) / n
    welch.append(
        {"a": a.tolist(), "b": b.tolist(), "statistic": float(r.statistic), "df": float((sa + sb) ** 2 / (sa**2 / (m - 1) + sb**2 / (n - 1))), "pValue": float(r.pvalue)}
    )

betainc = []
for a, b, x in [(0.5, 0.5, 0.3), (2, 3, 0.4), (10, 0.5, 0.9), (0.5, 1000, 1e-4), (2500, 0.5, 0.999), (50, 50, 0.5), (1, 1, 0.77), (0.5, 4.2, 0.01), (300.5, 0.5, 0.98)]:
    betainc.append({"x": x, "a": a, "b": b, "value": float(special.betainc(a, b, x))})
tsf = []
for t, df in [(0.1, 3), (2.5, 4.2), (10, 1), (-3, 30), (40, 200.7), (1e-8, 10), (6, 50000)]:
    tsf.append({"t": t, "df": df, "value": float(2 * stats.t.sf(abs(t), df))})
normsf = [{"z": z, "value": float(stats.norm.sf(z))} for z in [-5, -1, 0, 0.5, 1.96, 5, 10, 30]]

out = {
    "generator": {"scipy": scipy.__version__, "numpy": np.__version__, "script": "test/reference/scripts/stats_tests.py"},
    "mannwhitneyu": mwu,
    "welch": welch,
    "betainc": betainc,
    "tTwoSided": tsf,
    "normSf": normsf,
}
with open("test/reference/stats_tests.json", "w") as f:
    json.dump(out, f)
