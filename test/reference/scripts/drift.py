#!/usr/bin/python3
"""Reference values for the drift module (test/drift/*.test.ts).

Run from the repository root with Debian's Python (python3-numpy, python3-scipy):
    /usr/bin/python3 test/reference/scripts/drift.py
Writes test/reference/drift.json. Inputs are generated here and stored with the outputs, so the expected values
never come from segmentkit itself. Sources of truth:
- scipy 1.10: stats.ks_2samp, stats.kstwo.sf, special.smirnov, special.gammaincc, stats.chi2.sf,
  stats.chi2_contingency, spatial.distance.jensenshannon, stats.wasserstein_distance, and the internal
  _compute_prob_outside_square (exact KS, equal sizes) to pin down where scipy's 'auto' falls back;
- numpy 1.24 for what scipy has no function for: the population stability index as the issue defines it
  (np.quantile edges, np.searchsorted(side='left') bins), Bonferroni / Benjamini-Hochberg adjustments, nearest-
  centroid assignment and per-segment spreads.
"""
import json
import math
import warnings

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial.distance import jensenshannon
from scipy.stats._stats_py import _compute_prob_outside_square

warnings.simplefilter("ignore")  # scipy warns when ks_2samp switches from exact to asymptotic
rng = np.random.default_rng(20261122)
out = {"generator": {"numpy": np.__version__, "scipy": scipy.__version__, "script": "test/reference/scripts/drift.py"}}


def num(x):
    """JSON-safe float: NaN → None, ±inf → "Infinity" / "-Infinity" (JSON has neither)."""
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


# ---------------------------------------------------------------- special functions at their edges
kstwo_cases = []
for n in [1, 2, 3, 5, 10, 31, 100, 140, 141, 200, 1000, 5000, 20000, 100000, 100001, 500000, 2000000]:
    xs = {0.0, 0.3 / n, 0.5 / n, 0.5 / n + 1e-12, 0.7 / n, 1.0 / n, 1.5 / n, 3.0 / n, 1e-4, 0.003, 0.01, 0.02, 0.03,
          0.05, 0.1, 0.2, 0.3, 0.45, 0.4999, 0.5, 0.6, 0.9, 1 - 1.0 / n, 1 - 0.5 / n, 0.999, 1.0}
    # the region boundaries in n x^2 that select the method
    for nx2 in [0.5, 0.754693, 0.76, 1.0, 2.19, 2.2, 3.0, 4.0, 4.01, 17.0, 18.0, 100.0, 369.0, 370.0]:
        xs.add(math.sqrt(nx2 / n))
    xs.add((1.4 / n) ** (2 / 3))
    for x in sorted(xs):
        if 0 <= x <= 1:
            kstwo_cases.append([n, x, num(stats.kstwo.sf(x, n))])
out["kstwoSf"] = kstwo_cases

smirnov_cases = []
for n in [1, 2, 3, 7, 10, 50, 140, 1012, 1013, 5000, 100000, 1000000, 1000001]:
    for x in sorted({0.0, 1e-9, 0.2 / n, 1.0 / n, 1.0 / n + 1e-12, 2.0 / n, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75,
                     1 - 1.0 / n, 1 - 0.5 / n, 0.9999, 1.0}):
        if 0 <= x <= 1:
            smirnov_cases.append([n, x, num(special.smirnov(n, x))])
out["smirnov"] = smirnov_cases

gamma_cases = []
for a in [0.5, 1.0, 1.5, 2.0, 4.5, 10.0, 25.5, 100.0, 1000.0, 50000.0]:
    for x in sorted({0.0, 1e-10, 0.01, 0.5, 1.0, a - 1, a, a + 1, a + math.sqrt(a), 2 * a, 5 * a + 10, 50 * a + 100}):
        if x >= 0:
            gamma_cases.append([a, x, num(special.gammaincc(a, x))])
out["gammaincc"] = gamma_cases

chi2_cases = []
for dof in [1, 2, 3, 4, 9, 20, 99, 1000]:
    for s in [0.0, 1e-8, 0.1, 1.0, 3.84, dof, dof + 3 * math.sqrt(2 * dof), 50.0, 200.0, 1000.0, 3000.0]:
        chi2_cases.append([s, dof, num(stats.chi2.sf(s, dof))])
out["chi2Sf"] = chi2_cases

# the exact KS probability for equal sizes, raw (values above 1 are where scipy's 'auto' falls back)
square = []
for n in list(range(1, 121)) + [500, 999, 2000]:
    for h in [1, 2, 3, 5]:
        if h <= n:
            square.append([n, h, float(_compute_prob_outside_square(n, h))])
out["ksSquare"] = square

# ---------------------------------------------------------------- ks_2samp on data (small: inputs stored)
ks_cases = []


def add_ks(name, a, b, methods=("auto", "exact", "asymp")):
    for m in methods:
        r = stats.ks_2samp(a, b, method=m)
        ks_cases.append({"name": name, "a": [float(v) for v in a], "b": [float(v) for v in b],
                         "method": "asymptotic" if m == "asymp" else m,
                         "statistic": float(r.statistic), "pValue": num(r.pvalue)})


add_ks("identical", [1, 2, 3], [1, 2, 3])
add_ks("separated", [1, 2, 3, 4], [5, 6, 7, 8])
add_ks("single values", [1], [2])
add_ks("interleaved n=3", [1, 3, 5], [2, 4, 6])
add_ks("interleaved n=5 (exact rounds above 1: auto falls back)", np.arange(0, 10, 2), np.arange(1, 11, 2))
pairs = np.arange(120).reshape(-1, 2)
add_ks("pairs n=60, D=2/60 (auto falls back)", pairs[0::2].ravel(), pairs[1::2].ravel())
for n1, n2, shift, kind in [(5, 5, 0.0, "int"), (5, 7, 0.5, "int"), (10, 10, 0.0, "int"), (13, 29, 0.3, "int"),
                            (50, 60, 0.0, "normal"), (100, 100, 0.4, "normal"), (140, 141, 0.2, "normal"),
                            (300, 200, 0.1, "int"), (999, 1001, 0.1, "normal"), (400, 400, 1.5, "normal")]:
    if kind == "int":
        a = rng.integers(0, 12, n1).astype(float)
        b = rng.integers(0, 12, n2).astype(float) + round(shift * 4)
    else:
        a = np.round(rng.normal(size=n1), 6)
        b = np.round(rng.normal(loc=shift, size=n2), 6)
    add_ks(f"{kind} {n1} vs {n2}, shift {shift}", a, b)
out["ks2samp"] = ks_cases

# ---------------------------------------------------------------- ks_2samp p-values at scale (sizes and D stored)
ks_large = []
for n1, n2, shift, m in [(10000, 10000, 0.02, "auto"), (10000, 10000, 0.0, "auto"), (10000, 9999, 0.03, "auto"),
                         (10000, 7000, 0.05, "auto"), (10000, 3000, 0.0, "exact"), (20000, 30000, 0.02, "exact"),
                         (10001, 10001, 0.02, "auto"), (12000, 15000, 0.0, "auto"), (12000, 15000, 0.05, "auto"),
                         (12000, 15000, 0.2, "auto"), (50000, 49999, 0.01, "exact"), (300000, 300000, 0.0, "auto"),
                         (300000, 300000, 0.01, "auto"), (2500000, 2500000, 0.002, "auto")]:
    a = rng.normal(size=n1)
    b = rng.normal(loc=shift, size=n2)
    r = stats.ks_2samp(a, b, method=m)
    ks_large.append({"n1": n1, "n2": n2, "method": m, "statistic": float(r.statistic), "pValue": num(r.pvalue)})
out["ks2sampLarge"] = ks_large

# ---------------------------------------------------------------- chi-square contingency
chi_cases = []


def add_chi(name, table, correction=True):
    r = stats.chi2_contingency(np.asarray(table, dtype=float), correction=correction)
    chi_cases.append({"name": name, "table": np.asarray(table, dtype=float).tolist(), "correction": correction,
                      "statistic": float(r.statistic), "pValue": float(r.pvalue), "dof": int(r.dof),
                      "expected": np.asarray(r.expected_freq).tolist()})


add_chi("2x2 Yates", [[10, 20], [30, 25]])
add_chi("2x2 no correction", [[10, 20], [30, 25]], correction=False)
add_chi("2x2 differences below 0.5", [[10, 10], [10, 11]])
add_chi("2x2 observed = expected", [[10, 20], [20, 40]])
add_chi("2x5 counts", rng.integers(5, 60, size=(2, 5)).tolist())
add_chi("4x3 counts", rng.integers(0, 40, size=(4, 3)).tolist())
add_chi("1x4 (dof 0)", [[3, 5, 7, 9]])
add_chi("3x1 (dof 0)", [[3], [5], [7]])
add_chi("fractional weights", [[1.5, 2.25, 7.0], [3.0, 0.5, 4.75]])
add_chi("large counts", [[1_000_000, 1_010_000, 990_000], [1_200_000, 900_000, 1_000_000]])
add_chi("2x3 with an empty cell", [[0, 12, 30], [8, 15, 22]])
out["chi2Contingency"] = chi_cases

# chiSquareTest({ reference, current }) on category samples: table over the sorted union of categories
ref_cat = rng.choice(["app", "online", "store"], size=300, p=[0.2, 0.5, 0.3]).tolist()
cur_cat = rng.choice(["app", "online", "store", "kiosk"], size=250, p=[0.3, 0.4, 0.25, 0.05]).tolist()
cats = sorted(set(ref_cat) | set(cur_cat))
tab = [[ref_cat.count(c) for c in cats], [cur_cat.count(c) for c in cats]]
r = stats.chi2_contingency(np.array(tab, dtype=float))
out["chi2Samples"] = {"reference": ref_cat, "current": cur_cat, "categories": cats, "table": tab,
                      "statistic": float(r.statistic), "pValue": float(r.pvalue), "dof": int(r.dof)}

# ---------------------------------------------------------------- Jensen-Shannon and Wasserstein
js_cases = []
for p, q in [([0.5, 0.5], [0.9, 0.1]), ([1, 0, 0], [0, 1, 0]), ([10, 20, 30, 40], [12, 18, 35, 35]),
             ([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), ([5, 0, 3, 2], [1, 4, 0, 5]), (rng.random(12).tolist(), rng.random(12).tolist())]:
    for base in [2, math.e, 10]:
        js_cases.append({"p": [float(v) for v in p], "q": [float(v) for v in q], "base": base,
                         "distance": float(jensenshannon(p, q, base=base))})
out["jensenShannon"] = js_cases

w_cases = []
for name, u, v, uw, vw in [
    ("scipy doc example", [0, 1, 3], [5, 6, 8], None, None),
    ("weighted", [0, 1], [0, 1], [3, 1], [2, 2]),
    ("weighted, unequal lengths", [3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5]),
    ("ties", [1, 1, 2, 2, 2, 5], [1, 2, 2, 3], None, None),
    ("normal vs shifted", np.round(rng.normal(size=200), 6).tolist(), np.round(rng.normal(0.3, 1.2, size=150), 6).tolist(), None, None),
    ("one weighted side", np.round(rng.normal(size=40), 6).tolist(), np.round(rng.normal(size=30), 6).tolist(), None, rng.random(30).tolist()),
]:
    w_cases.append({"name": name, "a": [float(x) for x in u], "b": [float(x) for x in v],
                    "weightsA": None if uw is None else [float(x) for x in uw],
                    "weightsB": None if vw is None else [float(x) for x in vw],
                    "distance": float(stats.wasserstein_distance(u, v, uw, vw))})
out["wasserstein"] = w_cases


# ---------------------------------------------------------------- population stability index (numpy, the definition)
def psi_numeric(ref, cur, bins=10, eps=1e-4):
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    edges = np.quantile(ref, np.arange(1, bins) / bins)
    rc = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=bins)
    cc = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=bins)
    rs = rc / ref.size
    cs = cc / cur.size
    rs = np.where(rs == 0, eps, rs)
    cs = np.where(cs == 0, eps, cs)
    contrib = (cs - rs) * np.log(cs / rs)
    return float(contrib.sum()), edges.tolist(), rs.tolist(), cs.tolist(), contrib.tolist()


def psi_categorical(ref, cur, eps=1e-4):
    cats = sorted(set(ref) | set(cur))
    rs = np.array([ref.count(c) for c in cats]) / len(ref)
    cs = np.array([cur.count(c) for c in cats]) / len(cur)
    rs = np.where(rs == 0, eps, rs)
    cs = np.where(cs == 0, eps, cs)
    contrib = (cs - rs) * np.log(cs / rs)
    return float(contrib.sum()), cats, rs.tolist(), cs.tolist(), contrib.tolist()


psi_cases = []
for name, ref, cur, bins, eps in [
    ("normal, shifted", np.round(rng.normal(size=1000), 5), np.round(rng.normal(0.25, 1.1, size=800), 5), 10, 1e-4),
    ("same sample", np.arange(100.0), np.arange(100.0), 10, 1e-4),
    ("heavy ties", rng.integers(0, 4, 500).astype(float), rng.integers(0, 6, 300).astype(float), 10, 1e-4),
    ("5 bins, epsilon 1e-3", np.round(rng.lognormal(3, 1, 400), 4), np.round(rng.lognormal(3.3, 1, 400), 4), 5, 1e-3),
    ("current outside the reference range", np.arange(50.0), np.arange(100.0, 130.0), 4, 1e-4),
]:
    psi, edges, rs, cs, contrib = psi_numeric(ref, cur, bins, eps)
    psi_cases.append({"name": name, "reference": ref.tolist(), "current": cur.tolist(), "bins": bins, "epsilon": eps,
                      "psi": psi, "edges": edges, "referenceShares": rs, "currentShares": cs, "contributions": contrib})
out["psiNumeric"] = psi_cases

ref_c = rng.choice(["gold", "silver", "bronze"], size=500, p=[0.2, 0.3, 0.5]).tolist()
cur_c = rng.choice(["gold", "silver", "bronze", "platinum"], size=400, p=[0.25, 0.25, 0.45, 0.05]).tolist()
psi, cats, rs, cs, contrib = psi_categorical(ref_c, cur_c)
out["psiCategorical"] = {"reference": ref_c, "current": cur_c, "psi": psi, "categories": cats,
                         "referenceShares": rs, "currentShares": cs, "contributions": contrib}


# ---------------------------------------------------------------- drift reports
def adjust(pvalues, method):
    p = np.asarray(pvalues, dtype=float)
    m = p.size
    if method == "bonferroni":
        return np.minimum(1.0, p * m).tolist()
    order = np.argsort(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(1.0, ranked)
    return adjusted.tolist()


def with_missing(values, share):
    values = list(values)
    for i in rng.choice(len(values), size=int(share * len(values)), replace=False):
        values[int(i)] = None
    return values


def report_case(name, n_ref, n_cur):
    ref = {
        "spend": with_missing(np.round(rng.lognormal(3.5, 0.8, n_ref), 2).tolist(), 0.02),
        "visits": with_missing(rng.poisson(6, n_ref).astype(float).tolist(), 0.0),
        "tenure": with_missing(np.round(rng.normal(24, 6, n_ref), 1).tolist(), 0.05),
        "channel": with_missing(rng.choice(["app", "online", "store"], n_ref, p=[0.2, 0.5, 0.3]).tolist(), 0.0),
        "tier": with_missing(rng.choice(["gold", "silver", "bronze"], n_ref, p=[0.1, 0.3, 0.6]).tolist(), 0.01),
    }
    cur = {
        "spend": with_missing(np.round(rng.lognormal(3.8, 0.8, n_cur), 2).tolist(), 0.02),
        "visits": with_missing(rng.poisson(6, n_cur).astype(float).tolist(), 0.0),
        "tenure": with_missing(np.round(rng.normal(24, 6, n_cur), 1).tolist(), 0.20),
        "channel": with_missing(rng.choice(["app", "online", "store"], n_cur, p=[0.45, 0.35, 0.2]).tolist(), 0.0),
        "tier": with_missing(rng.choice(["gold", "silver", "bronze"], n_cur, p=[0.1, 0.31, 0.59]).tolist(), 0.01),
    }
    columns = []
    for col in ref:
        r = [v for v in ref[col] if v is not None]
        c = [v for v in cur[col] if v is not None]
        numeric = col in ("spend", "visits", "tenure")
        entry = {"column": col, "type": "numeric" if numeric else "categorical",
                 "referenceMissing": len(ref[col]) - len(r), "currentMissing": len(cur[col]) - len(c)}
        if numeric:
            ks = stats.ks_2samp(r, c)
            entry["ks"] = {"statistic": float(ks.statistic), "pValue": float(ks.pvalue)}
            entry["wassersteinNormed"] = float(stats.wasserstein_distance(r, c) / max(np.std(r), 0.001))
            entry["psi"] = psi_numeric(r, c)[0]
        else:
            cats_ = sorted(set(r) | set(c))
            table = np.array([[r.count(x) for x in cats_], [c.count(x) for x in cats_]], dtype=float)
            chi = stats.chi2_contingency(table)
            entry["chiSquare"] = {"statistic": float(chi.statistic), "pValue": float(chi.pvalue)}
            entry["jensenShannon"] = float(jensenshannon(table[0] / table[0].sum(), table[1] / table[1].sum(), base=2))
            entry["psi"] = psi_categorical(r, c)[0]
        columns.append(entry)
    pvals = [e["ks"]["pValue"] if "ks" in e else e["chiSquare"]["pValue"] for e in columns]
    return {"name": name, "reference": ref, "current": cur, "columns": columns,
            "bonferroni": adjust(pvals, "bonferroni"), "fdr": adjust(pvals, "fdr")}


out["driftReport"] = [report_case("small (KS and chi-square)", 600, 500), report_case("large (Wasserstein and Jensen-Shannon)", 1500, 1200)]

# ---------------------------------------------------------------- segment drift
ref_seg = rng.choice(5, size=2000, p=[0.15, 0.25, 0.25, 0.2, 0.15])
cur_seg = rng.choice(5, size=1500, p=[0.1, 0.2, 0.25, 0.15, 0.3])
cats = sorted(set(ref_seg.tolist()) | set(cur_seg.tolist()))
table = np.array([[int((ref_seg == c).sum()) for c in cats], [int((cur_seg == c).sum()) for c in cats]], dtype=float)
chi = stats.chi2_contingency(table)
psi, _, rs, cs, contrib = psi_categorical(ref_seg.tolist(), cur_seg.tolist())
out["segmentDrift"] = {"reference": ref_seg.tolist(), "current": cur_seg.tolist(), "segments": cats,
                       "referenceShares": rs, "currentShares": cs, "contributions": contrib, "psi": psi,
                       "chiSquare": {"statistic": float(chi.statistic), "pValue": float(chi.pvalue), "dof": int(chi.dof)}}

# ---------------------------------------------------------------- centroid drift
C = np.array([[0.0, 0.0, 0.0], [5.0, 5.0, 0.0], [0.0, 6.0, 4.0]])
Xr = np.vstack([rng.normal(c, s, size=(n, 3)) for c, s, n in zip(C, [1.0, 0.5, 2.0], [300, 200, 250])])
Xc = np.vstack([rng.normal(c + d, s, size=(n, 3)) for c, d, s, n in
                zip(C, [[0, 0, 0], [1.0, 0, 0], [0, 0, -1.5]], [1.0, 0.5, 2.0], [200, 250, 100])])


def nearest(X):
    d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    return d.argmin(axis=1)


# recompute on the rounded inputs actually stored
Xr, Xc = np.round(Xr, 6), np.round(Xc, 6)
lr, lc = nearest(Xr), nearest(Xc)
segs = []
for j in range(C.shape[0]):
    spread = math.sqrt(((Xr[lr == j] - C[j]) ** 2).sum(axis=1).mean())
    mean = Xc[lc == j].mean(axis=0)
    shift = float(np.linalg.norm(mean - C[j]))
    segs.append({"referenceCount": int((lr == j).sum()), "currentCount": int((lc == j).sum()), "spread": spread,
                 "currentCentre": mean.tolist(), "shift": shift, "relativeShift": shift / spread,
                 "currentSpread": math.sqrt(((Xc[lc == j] - C[j]) ** 2).sum(axis=1).mean())})
out["centroidDrift"] = {"centroids": C.tolist(), "reference": Xr.tolist(), "current": Xc.tolist(), "segments": segs}

with open("test/reference/drift.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote test/reference/drift.json")
