#!/usr/bin/python3
"""Reference values for test/value/*.reference.test.ts, from the published formulas with scipy.

Run from the repository root with Debian's Python (python3-scipy 1.10):
    /usr/bin/python3 test/reference/scripts/customer_value.py
BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV") log-likelihoods are
written here from the papers' equations, maximised with scipy.optimize.minimize (Nelder-Mead, then BFGS on the
log-parameters) on the CDNOW files, with a central-difference Hessian for the standard errors; the BG/NBD
expectations use scipy.special.hyp2f1. Writes test/reference/customer_value.json.
"""
import json

import numpy as np

import mle
import scipy
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1, logsumexp
from scipy.stats import nbinom

summary = np.genfromtxt("test/data/cdnow/cdnow_customers_summary.csv", delimiter=",", skip_header=1)
x, tx, T = summary[:, 1], summary[:, 2], summary[:, 3]


def bgnbd_ll(params):
    r, alpha, a, b = params
    lnA1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    lnA2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    lnA3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        lnA4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return np.sum(lnA1 + lnA2 + logsumexp(np.vstack([lnA3, lnA4]), axis=0))


def fit(ll, start):
    return mle.fit(ll, start, 20000)


hessian_se = mle.hessian_se


bg = fit(bgnbd_ll, [1, 1, 1, 1])
r, alpha, a, b = bg


def conditional(t, xi, txi, Ti):
    num = (a + b + xi - 1) / (a - 1) * (1 - ((alpha + Ti) / (alpha + Ti + t)) ** (r + xi) * hyp2f1(r + xi, b + xi, a + b + xi - 1, t / (alpha + Ti + t)))
    den = 1 + (xi > 0) * (a / (b + xi - 1)) * ((alpha + Ti) / (alpha + txi)) ** (r + xi)
    return num / den


def alive(xi, txi, Ti):
    return 1.0 if xi == 0 else 1 / (1 + (a / (b + xi - 1)) * ((alpha + Ti) / (alpha + txi)) ** (r + xi))


def population(t):
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


def p_n(n, t):
    lp = np.log(alpha / (alpha + t))
    lq = np.log(t / (alpha + t))
    pg = lambda j: gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * lp + j * lq
    out = np.exp(betaln(a, b + n) - betaln(a, b) + pg(n))
    if n > 0:
        # 1 − P(N ≤ n − 1) for the NBD count, from scipy's accurate survival function (no cancellation)
        out += np.exp(betaln(a + 1, b + n - 1) - betaln(a, b)) * nbinom.sf(n - 1, r, alpha / (alpha + t))
    return float(out)


customers = [(2, 30.43, 38.86), (0, 0, 38.86), (1, 1.71, 38.86), (7, 35.0, 38.0), (30, 38.5, 38.86), (3, 5.0, 38.86), (12, 20.0, 30.0)]
expect = []
for xi, txi, Ti in customers:
    for t in [1, 10, 39, 52, 104]:
        expect.append({"frequency": xi, "recency": txi, "T": Ti, "t": t, "value": float(conditional(t, xi, txi, Ti))})

gg_data = np.genfromtxt("test/data/cdnow/cdnow_customers_summary_with_transactions.csv", delimiter=",", skip_header=1)
gx, gm = gg_data[:, 1], gg_data[:, 4]
keep = gx > 0
gx, gm = gx[keep], gm[keep]


def gg_ll(params):
    p, q, v = params
    return np.sum(gammaln(p * gx + q) - gammaln(p * gx) - gammaln(q) + q * np.log(v) + (p * gx - 1) * np.log(gm) + p * gx * np.log(gx) - (p * gx + q) * np.log(v + gm * gx))


gg = fit(gg_ll, [1, 1, 1])
p, q, v = gg

out = {
    "generator": {"scipy": scipy.__version__, "numpy": np.__version__, "script": "test/reference/scripts/customer_value.py"},
    "betaGeo": {
        "params": bg.tolist(),
        "logLikelihood": float(bgnbd_ll(bg)),
        "standardErrors": hessian_se(bgnbd_ll, bg),
        "conditional": expect,
        "alive": [{"frequency": xi, "recency": txi, "T": Ti, "value": float(alive(xi, txi, Ti))} for xi, txi, Ti in customers],
        "population": [{"t": t, "value": float(population(t))} for t in [1, 5, 39, 78, 200]],
        "probabilityOfPurchases": [{"n": n, "t": t, "value": p_n(n, t)} for n in [0, 1, 2, 5, 10] for t in [1, 39, 78]],
    },
    "gammaGamma": {
        "params": gg.tolist(),
        "logLikelihood": float(gg_ll(gg)),
        "standardErrors": hessian_se(gg_ll, gg),
        "expectedAverageValue": [
            {"frequency": xi, "monetaryValue": mi, "value": float(p * (v + xi * mi) / (p * xi + q - 1))} for xi, mi in [(1, 10.0), (2, 22.35), (10, 40.0), (3, 150.0)]
        ],
        "population": float(p * v / (q - 1)),
    },
}
with open("test/reference/customer_value.json", "w") as f:
    json.dump(out, f, indent=1)
