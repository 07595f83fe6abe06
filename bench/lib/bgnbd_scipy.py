#!/usr/bin/python3
"""Times scipy.optimize.minimize on the BG/NBD log-likelihood, on the rows a segmentkit benchmark wrote.

    /usr/bin/python3 bench/lib/bgnbd_scipy.py --data rows.f64 --rows N [--grouped] [--repeat 3]

rows.f64 holds (frequency, recency, T) triples, little-endian float64. The likelihood is the paper's (Fader,
Hardie & Lee 2005, eq. 6) vectorised with numpy, minimised on log-parameters with BFGS and scipy's
finite-difference gradient from (1, 1, 1, 1), as lifetimes does without autograd; `--grouped` first collapses
identical rows into weights. Prints one JSON line {"median_s", "times", "params", "ll"}.
"""
import argparse
import json
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, logsumexp

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--rows", type=int, required=True)
parser.add_argument("--grouped", action="store_true")
parser.add_argument("--repeat", type=int, default=3)
args = parser.parse_args()
rows = np.fromfile(args.data, dtype="<f8").reshape(args.rows, 3)


def fit(rows):
    if args.grouped:
        unique, counts = np.unique(rows, axis=0, return_counts=True)
        x, tx, T, w = unique[:, 0], unique[:, 1], unique[:, 2], counts.astype(float)
    else:
        x, tx, T, w = rows[:, 0], rows[:, 1], rows[:, 2], np.ones(len(rows))
    positive = x > 0
    total = w.sum()

    def nll(theta):
        r, alpha, a, b = np.exp(theta)
        lnA1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
        lnA2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
        lnA3 = -(r + x) * np.log(alpha + T)
        lnA4 = np.full_like(x, -np.inf)
        lnA4[positive] = np.log(a) - np.log(b + x[positive] - 1) - (r + x[positive]) * np.log(alpha + tx[positive])
        return -np.sum(w * (lnA1 + lnA2 + np.logaddexp(lnA3, lnA4))) / total

    result = minimize(nll, np.zeros(4), method="BFGS", options={"gtol": 1e-7})
    return np.exp(result.x), -result.fun * total


times = []
for _ in range(args.repeat):
    start = time.perf_counter()
    params, ll = fit(rows)
    times.append(time.perf_counter() - start)
print(json.dumps({"median_s": float(np.median(times)), "times": times, "params": params.tolist(), "ll": float(ll)}))
