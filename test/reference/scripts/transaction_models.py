#!/usr/bin/python3
"""Reference values for the Pareto/NBD, MBG/NBD and BG/BB tests (test/value/transactionModels.reference.test.ts).

Run from the repository root with Debian's Python (python3-scipy 1.10):
    /usr/bin/python3 test/reference/scripts/transaction_models.py
Each likelihood is written here from its paper, independently of segmentkit's code:
- Pareto/NBD: Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions", eq. (22)
  with A0 from eq. (19)-(20), the Gauss hypergeometric function from scipy.special.hyp2f1, not in log space;
- MBG/NBD: Batislam, Denizel & Filiztekin (2007), eq. (4): BG/NBD where a customer may drop out at time 0;
- BG/BB: Fader, Hardie & Shang (2010), eq. (5), with the sum over the silent periods written out.
Each is maximised with scipy.optimize.minimize (Nelder-Mead, then BFGS on the log-parameters). Expectations are
the papers' closed forms; the MBG/NBD population mean b/(a-1)·[1 - (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))] is
derived in the script's comment below and checked here by Monte Carlo. Writes test/reference/transaction_models.json.
"""
import json

import numpy as np

import mle
import scipy
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1, comb

summary = np.genfromtxt("test/data/cdnow/cdnow_customers_summary.csv", delimiter=",", skip_header=1)
x, tx, T = summary[:, 1], summary[:, 2], summary[:, 3]


def fit(ll, start):
    return mle.fit(ll, start, 40000)


hessian_se = mle.hessian_se


# ---- Pareto/NBD ------------------------------------------------------------------------------------------------
def pareto_A0(r, alpha, s, beta, x, tx, T):
    if alpha >= beta:
        F1 = hyp2f1(r + s + x, s + 1, r + s + x + 1, (alpha - beta) / (alpha + tx)) / (alpha + tx) ** (r + s + x)
        F2 = hyp2f1(r + s + x, s + 1, r + s + x + 1, (alpha - beta) / (alpha + T)) / (alpha + T) ** (r + s + x)
    else:
        F1 = hyp2f1(r + s + x, r + x, r + s + x + 1, (beta - alpha) / (beta + tx)) / (beta + tx) ** (r + s + x)
        F2 = hyp2f1(r + s + x, r + x, r + s + x + 1, (beta - alpha) / (beta + T)) / (beta + T) ** (r + s + x)
    return F1 - F2


def pareto_ll(params):
    r, alpha, s, beta = params
    A0 = pareto_A0(r, alpha, s, beta, x, tx, T)
    lead = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    inner = 1 / ((alpha + T) ** (r + x) * (beta + T) ** s) + (s / (r + s + x)) * A0
    return np.sum(lead + np.log(inner))


pnbd = fit(pareto_ll, [0.5, 10, 0.5, 10])
pr, palpha, ps, pbeta = pnbd


def pareto_alive(xi, txi, Ti):
    A0 = pareto_A0(pr, palpha, ps, pbeta, xi, txi, Ti)
    return 1 / (1 + (ps / (pr + ps + xi)) * (palpha + Ti) ** (pr + xi) * (pbeta + Ti) ** ps * A0)


def pareto_conditional(t, xi, txi, Ti):
    # Fader & Hardie's note, eq. (27)
    return pareto_alive(xi, txi, Ti) * (pr + xi) * (pbeta + Ti) / ((palpha + Ti) * (ps - 1)) * (1 - ((pbeta + Ti) / (pbeta + Ti + t)) ** (ps - 1))


def pareto_population(t):
    return pr * pbeta / (palpha * (ps - 1)) * (1 - (pbeta / (pbeta + t)) ** (ps - 1))


# ---- MBG/NBD -----------------------------------------------------------------------------------------------------
def mbg_ll(params):
    r, alpha, a, b = params
    lead = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + betaln(a, b + x + 1) - betaln(a, b)
    inner = (alpha + T) ** -(r + x) + (a / (b + x)) * (alpha + tx) ** -(r + x)
    return np.sum(lead + np.log(inner))


mbg = fit(mbg_ll, [0.5, 5, 1, 2])
mr, malpha, ma, mb = mbg


def mbg_alive(xi, txi, Ti):
    return 1 / (1 + (ma / (mb + xi)) * ((malpha + Ti) / (malpha + txi)) ** (mr + xi))


def mbg_conditional(t, xi, txi, Ti):
    # Batislam et al. (2007), eq. (5): given alive at T the future is BG/NBD with p ~ Beta(a, b + x + 1)
    second = 1 - hyp2f1(mr + xi, mb + xi + 1, ma + mb + xi, t / (malpha + Ti + t)) * ((malpha + Ti) / (malpha + Ti + t)) ** (mr + xi)
    return (ma + mb + xi) / (ma - 1) * second / (1 + (ma / (mb + xi)) * ((malpha + Ti) / (malpha + txi)) ** (mr + xi))


# E[X(t) | λ, p] = (1 − p)/p · (1 − e^{−λpt}) (a geometric number of purchases starting at 0, not 1, as in
# BG/NBD); over λ ~ Gamma(r, α) and p ~ Beta(a, b): b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].
def mbg_population(t):
    return mb / (ma - 1) * (1 - (malpha / (malpha + t)) ** mr * hyp2f1(mr, mb + 1, ma + mb, t / (malpha + t)))


def mbg_population_monte_carlo(t, n=2_000_000, seed=7):
    rng = np.random.default_rng(seed)
    lam = rng.gamma(mr, 1 / malpha, n)
    p = rng.beta(ma, mb, n)
    # purchases until death: dies at 0 with prob p, after each purchase with prob p
    purchases_allowed = rng.geometric(p) - 1  # number of purchases before dying, support 0, 1, ...
    counts = rng.poisson(lam * t)
    return float(np.mean(np.minimum(counts, purchases_allowed)))


for t in [10, 39]:
    mc = mbg_population_monte_carlo(t)
    closed = mbg_population(t)
    assert abs(mc - closed) < 0.01 * closed + 0.002, (t, mc, closed)

# ---- BG/BB ---------------------------------------------------------------------------------------------------------
donations = np.genfromtxt("test/data/cdnow/donations.csv", delimiter=",", skip_header=1)
dx, dtx, dn, dw = donations[:, 0], donations[:, 1], donations[:, 2], donations[:, 3]


def bgbb_customer_likelihood(params, xi, txi, ni):
    al, be, ga, de = params
    total = np.exp(betaln(al + xi, be + ni - xi) - betaln(al, be) + betaln(ga, de + ni) - betaln(ga, de))
    for i in range(int(ni - txi)):
        total += np.exp(betaln(al + xi, be + txi - xi + i) - betaln(al, be) + betaln(ga + 1, de + txi + i) - betaln(ga, de))
    return total


def bgbb_ll(params):
    return float(sum(w * np.log(bgbb_customer_likelihood(params, xi, txi, ni)) for xi, txi, ni, w in zip(dx, dtx, dn, dw)))


bgbb = fit(bgbb_ll, [1, 1, 1, 1])
al, be, ga, de = bgbb


def bgbb_alive(xi, txi, ni):
    # P(alive at n + 1 | x, tx, n), Fader, Hardie & Shang (2010), eq. (11)
    num = np.exp(betaln(al + xi, be + ni - xi) - betaln(al, be) + betaln(ga, de + ni + 1) - betaln(ga, de))
    return float(num / bgbb_customer_likelihood(bgbb, xi, txi, ni))


def bgbb_conditional(t, xi, txi, ni):
    # expected purchases in the next t periods, eq. (13)
    lead = np.exp(betaln(al + xi + 1, be + ni - xi) - betaln(al, be) - np.log(bgbb_customer_likelihood(bgbb, xi, txi, ni)))
    gam = de / (ga - 1) * np.exp(gammaln(ga + de) - gammaln(1 + de))
    diff = np.exp(gammaln(1 + de + ni) - gammaln(ga + de + ni)) - np.exp(gammaln(1 + de + ni + t) - gammaln(ga + de + ni + t))
    return float(lead * gam * diff)


def bgbb_population(n):
    # E[X(n)], eq. (7)
    return float(al / (al + be) * de / (ga - 1) * (1 - np.exp(gammaln(ga + de) - gammaln(ga + de + n) + gammaln(1 + de + n) - gammaln(1 + de))))


def bgbb_p_x(xi, n):
    # P(X(n) = x), eq. (8)
    out = comb(n, xi) * np.exp(betaln(al + xi, be + n - xi) - betaln(al, be) + betaln(ga, de + n) - betaln(ga, de))
    for i in range(xi, n):
        out += comb(i, xi) * np.exp(betaln(al + xi, be + i - xi) - betaln(al, be) + betaln(ga + 1, de + i) - betaln(ga, de))
    return float(out)


# ---- CLV: Σₖ (E[X(k)] − E[X(k − 1)]) · E[value] / (1 + d)^k with the BG/NBD and Gamma-Gamma references ----------
value_ref = json.load(open("test/reference/customer_value.json"))
br, balpha, ba, bb = value_ref["betaGeo"]["params"]
gp, gq, gv = value_ref["gammaGamma"]["params"]


def bg_conditional(t, xi, txi, Ti):
    num = (ba + bb + xi - 1) / (ba - 1) * (1 - ((balpha + Ti) / (balpha + Ti + t)) ** (br + xi) * hyp2f1(br + xi, bb + xi, ba + bb + xi - 1, t / (balpha + Ti + t)))
    den = 1 + (xi > 0) * (ba / (bb + xi - 1)) * ((balpha + Ti) / (balpha + txi)) ** (br + xi)
    return num / den


def clv(xi, txi, Ti, mi, horizon, rate):
    spend = gp * (gv + xi * mi) / (gp * xi + gq - 1)
    steps = [bg_conditional(k, xi, txi, Ti) for k in range(0, horizon + 1)]
    return float(sum((steps[k] - steps[k - 1]) * spend / (1 + rate) ** k for k in range(1, horizon + 1)))


clv_customers = [(2, 30.43, 38.86, 22.35), (0, 0, 38.86, 0), (7, 35.0, 38.0, 40.0), (1, 1.71, 38.86, 11.77)]
clv_rows = [
    {"frequency": a, "recency": b, "T": c, "monetaryValue": m, "horizon": h, "discountRate": d, "value": clv(a, b, c, m, h, d)}
    for a, b, c, m in clv_customers
    for h, d in [(52, 0.0), (52, 0.002), (104, 0.01)]
]

cdnow_customers = [(2, 30.43, 38.86), (0, 0, 38.86), (1, 1.71, 38.86), (7, 35.0, 38.0), (30, 38.5, 38.86), (3, 5.0, 38.86), (12, 20.0, 30.0)]
donors = [(0, 0, 6), (1, 1, 6), (3, 4, 6), (6, 6, 6), (2, 2, 6), (4, 6, 6)]

out = {
    "generator": {"scipy": scipy.__version__, "numpy": np.__version__, "script": "test/reference/scripts/transaction_models.py"},
    "paretoNBD": {
        "params": pnbd.tolist(),
        "logLikelihood": float(pareto_ll(pnbd)),
        "standardErrors": hessian_se(pareto_ll, pnbd),
        "alive": [{"frequency": a, "recency": b, "T": c, "value": float(pareto_alive(a, b, c))} for a, b, c in cdnow_customers],
        "conditional": [
            {"frequency": a, "recency": b, "T": c, "t": t, "value": float(pareto_conditional(t, a, b, c))} for a, b, c in cdnow_customers for t in [1, 39, 104]
        ],
        "population": [{"t": t, "value": float(pareto_population(t))} for t in [1, 5, 39, 78, 200]],
    },
    "modifiedBetaGeo": {
        "params": mbg.tolist(),
        "logLikelihood": float(mbg_ll(mbg)),
        "standardErrors": hessian_se(mbg_ll, mbg),
        "alive": [{"frequency": a, "recency": b, "T": c, "value": float(mbg_alive(a, b, c))} for a, b, c in cdnow_customers],
        "conditional": [
            {"frequency": a, "recency": b, "T": c, "t": t, "value": float(mbg_conditional(t, a, b, c))} for a, b, c in cdnow_customers for t in [1, 39, 104]
        ],
        "population": [{"t": t, "value": float(mbg_population(t))} for t in [1, 5, 39, 78, 200]],
    },
    "customerLifetimeValue": clv_rows,
    "betaGeoBetaBinom": {
        "params": bgbb.tolist(),
        "logLikelihood": bgbb_ll(bgbb),
        "standardErrors": hessian_se(bgbb_ll, bgbb),
        "alive": [{"frequency": a, "recency": b, "T": c, "value": bgbb_alive(a, b, c)} for a, b, c in donors],
        "conditional": [{"frequency": a, "recency": b, "T": c, "t": t, "value": bgbb_conditional(t, a, b, c)} for a, b, c in donors for t in [1, 5, 10]],
        "population": [{"t": n, "value": bgbb_population(n)} for n in [1, 5, 6, 10, 20]],
        "probabilityOfPurchases": [{"n": k, "t": n, "value": bgbb_p_x(k, n)} for n in [1, 6, 11] for k in range(0, n + 1)],
    },
}
with open("test/reference/transaction_models.json", "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps({k: (v["params"], v["logLikelihood"]) for k, v in out.items() if isinstance(v, dict) and "params" in v}, indent=1))
