#!/usr/bin/python3
"""Reference values for the numeric core kernels (test/core/*.test.ts).

Run from the repository root with Debian's Python (python3-numpy, python3-scipy):
    /usr/bin/python3 test/reference/scripts/core_kernels.py
Writes test/reference/core_kernels.json. Inputs are generated here, so the expected values never come from
segmentkit itself.
"""
import json
import numpy as np
import scipy
from scipy.special import logsumexp

rng = np.random.default_rng(20261122)
out = {"generator": {"numpy": np.__version__, "scipy": scipy.__version__, "script": "test/reference/scripts/core_kernels.py"}}

# column means / variances, including a large offset (catastrophic cancellation for naive sum-of-squares)
cases = []
for name, X in [
    ("gaussian_50x4", rng.normal(size=(50, 4))),
    ("offset_1e9_20x3", 1e9 + rng.normal(size=(20, 3))),
    ("single_row_1x5", rng.normal(size=(1, 5))),
    ("constant_column_10x2", np.column_stack([np.full(10, 3.25), rng.uniform(size=10)])),
    ("integers_7x3", rng.integers(-5, 5, size=(7, 3)).astype(float)),
]:
    cases.append({
        "name": name, "X": X.tolist(),
        "mean": X.mean(axis=0).tolist(),
        "var_ddof0": X.var(axis=0, ddof=0).tolist(),
        "var_ddof1": (X.var(axis=0, ddof=1).tolist() if X.shape[0] > 1 else None),
    })
out["columnMoments"] = cases

# quantiles, numpy default method='linear', including ties and tiny samples
qs = [0, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.6, 0.75, 0.9, 0.99, 1]
qcases = []
for name, v in [
    ("normal_101", rng.normal(size=101)),
    ("ties", np.array([1, 1, 1, 2, 2, 3, 3, 3, 3, 10], dtype=float)),
    ("two_values", np.array([5.0, -5.0])),
    ("single", np.array([42.0])),
    ("lognormal_1000", rng.lognormal(3, 1, size=1000)),
    ("integers_12", rng.integers(0, 4, size=12).astype(float)),
]:
    qcases.append({"name": name, "values": v.tolist(), "q": qs, "expected": np.quantile(v, qs).tolist()})
out["quantile"] = qcases

# log-sum-exp (scipy.special.logsumexp)
lcases = []
for name, v in [
    ("small", np.array([0.1, -0.3, 2.0])),
    ("large", np.array([1000.0, 1000.0, 999.0])),
    ("very_negative", np.array([-1000.0, -1001.0, -1e4])),
    ("mixed_inf", np.array([-np.inf, 3.0, -np.inf])),
    ("random_64", rng.normal(scale=50, size=64)),
]:
    lcases.append({"name": name, "values": [None if np.isneginf(x) else float(x) for x in v], "expected": float(logsumexp(v))})
out["logSumExp"] = lcases

# squared Euclidean distances between rows
A = rng.normal(size=(6, 5)); B = rng.normal(size=(4, 5)) * 10
D = ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)
out["squaredEuclidean"] = {"A": A.tolist(), "B": B.tolist(), "expected": D.tolist()}

# argmin / argmax (first index on ties)
vals = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 9.0]
out["argminmax"] = {"values": vals, "argmin": int(np.argmin(vals)), "argmax": int(np.argmax(vals))}

with open("test/reference/core_kernels.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote test/reference/core_kernels.json")
