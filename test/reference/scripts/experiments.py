#!/usr/bin/python3
"""Reference values for src/experiments/ (segmentExperiment, sampleSize, power).

Run from the repository root with Debian's Python (python3-statsmodels 0.13, python3-scipy 1.10, python3-numpy,
python3-mpmath):
    /usr/bin/python3 test/reference/scripts/experiments.py
Writes test/reference/experiments.json.

Every number comes from statsmodels or scipy, never from segmentkit:
- two proportions: statsmodels proportions_ztest (pooled variance, two-sided), confint_proportions_2indep
  (method='wald', compare='diff'; method='log', compare='ratio');
- revenue: scipy ttest_ind(equal_var=False), statsmodels CompareMeans.tconfint_diff(usevar='unequal'); the
  relative lift's interval (delta method on the log of the ratio of means) has no statsmodels function, so it is
  written out here with numpy and scipy's norm.isf;
- adjusted p-values: statsmodels multipletests(method='holm' / 'fdr_bh');
- sample ratio: scipy chisquare(observed, expected);
- P(variant > control): scipy.integrate.quad of Beta(αV, βV).pdf(x) · Beta(αC, βC).cdf(x), checked against
  mpmath's quadrature at 30 digits on the small cases;
- power: statsmodels NormalIndPower().power and .solve_power, with proportion_effectsize; solve_power stops at
  brentq's xtol of 1e-5, so the same equation is also solved with brentq at xtol 1e-12 (`nobs1Exact`).
"""
import json

import mpmath
import numpy as np
import scipy
import statsmodels
from scipy import integrate, optimize, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_effectsize, proportions_ztest
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

rng = np.random.default_rng(20261218)
ALPHA = 0.05


def prob_beat(a_v, b_v, a_c, b_c):
    """P(pV > pC) = ∫ f_V(x) F_C(x) dx over the region where the densities live."""
    dv, dc = stats.beta(a_v, b_v), stats.beta(a_c, b_c)
    lo = max(0.0, min(dv.ppf(1e-15), dc.ppf(1e-15)))
    hi = min(1.0, max(dv.isf(1e-15), dc.isf(1e-15)))
    points = sorted({dv.mean(), dc.mean()})
    value, err = integrate.quad(lambda x: dv.pdf(x) * dc.cdf(x), lo, hi, points=points, epsabs=1e-14, epsrel=1e-13, limit=2000)
    # P(pV > pC) for pV below lo is ≤ F_V(lo) ≤ 1e-15, above hi F_C = 1: add the upper tail mass of V
    value += dv.sf(hi)
    assert err < 1e-11, err
    return float(value)


def prob_beat_mpmath(a_v, b_v, a_c, b_c):
    mpmath.mp.dps = 30
    bv = mpmath.beta(a_v, b_v)

    def integrand(x):
        return x ** (a_v - 1) * (1 - x) ** (b_v - 1) / bv * mpmath.betainc(a_c, b_c, 0, x, regularized=True)

    return float(mpmath.quad(integrand, [0, mpmath.mpf(a_v) / (a_v + b_v), 1]))


# ---- two proportions: z-test, intervals, P(beat) -------------------------------------------------------------
proportions = []
cases = [
    (20, 100, 10, 100),
    (0, 50, 3, 60),  # no conversions in the variant
    (4, 40, 0, 45),  # no conversions in control
    (120, 1000, 100, 1000),
    (530, 5000, 498, 5050),
    (7, 13, 2, 11),
    (1203, 10000, 1304, 10000),
    (2, 2, 1, 3),
    (31, 2500, 18, 2600),
    (45000, 100000, 44500, 100000),
]
for x_v, n_v, x_c, n_c in cases:
    z, p = proportions_ztest([x_v, x_c], [n_v, n_c])
    wald = confint_proportions_2indep(x_v, n_v, x_c, n_c, method="wald", compare="diff", alpha=ALPHA)
    entry = {
        "xV": x_v, "nV": n_v, "xC": x_c, "nC": n_c,
        "z": float(z), "pValue": float(p),
        "wald": [float(wald[0]), float(wald[1])],
        "probabilityToBeat": prob_beat(1 + x_v, 1 + n_v - x_v, 1 + x_c, 1 + n_c - x_c),
    }
    if x_v > 0 and x_c > 0:
        ratio = confint_proportions_2indep(x_v, n_v, x_c, n_c, method="log", compare="ratio", alpha=ALPHA)
        entry["relative"] = [float(ratio[0]) - 1, float(ratio[1]) - 1]
    if n_v + n_c < 400:
        check = prob_beat_mpmath(1 + x_v, 1 + n_v - x_v, 1 + x_c, 1 + n_c - x_c)
        assert abs(check - entry["probabilityToBeat"]) < 1e-11, (check, entry)
    proportions.append(entry)

# P(beat) under other priors (Beta(αprior, βprior), whole αprior)
priors = []
for x_v, n_v, x_c, n_c, a0, b0 in [(20, 100, 10, 100, 2, 3.5), (0, 50, 3, 60, 1, 10), (530, 5000, 498, 5050, 3, 0.5)]:
    priors.append({
        "xV": x_v, "nV": n_v, "xC": x_c, "nC": n_c, "alpha": a0, "beta": b0,
        "probabilityToBeat": prob_beat(a0 + x_v, b0 + n_v - x_v, a0 + x_c, b0 + n_c - x_c),
    })

# ---- revenue: Welch ----------------------------------------------------------------------------------------
revenue = []
for n_v, n_c, kind in [(40, 35, "lognormal"), (300, 280, "zero-inflated"), (8, 12, "normal"), (2000, 2100, "zero-inflated")]:
    def draw(n, shift):
        if kind == "lognormal":
            return np.round(rng.lognormal(3 + shift, 0.8, n), 2)
        if kind == "normal":
            return np.round(rng.normal(50 + 10 * shift, 12, n), 2)
        return np.round(np.where(rng.random(n) < 0.3, rng.gamma(2, 20 * (1 + shift), n), 0.0), 2)

    v, c = draw(n_v, 0.15), draw(n_c, 0.0)
    t = stats.ttest_ind(v, c, equal_var=False)
    cm = CompareMeans(DescrStatsW(v), DescrStatsW(c))
    lo, hi = cm.tconfint_diff(alpha=ALPHA, usevar="unequal")
    mv, mc = v.mean(), c.mean()
    se_log = np.sqrt(v.var(ddof=1) / (n_v * mv**2) + c.var(ddof=1) / (n_c * mc**2))
    zc = stats.norm.isf(ALPHA / 2)
    revenue.append({
        "variant": v.tolist(), "control": c.tolist(),
        "t": float(t.statistic), "pValue": float(t.pvalue), "df": float(cm.dof_satt()),
        "interval": [float(lo), float(hi)],
        "relative": [float(np.exp(np.log(mv / mc) - zc * se_log) - 1), float(np.exp(np.log(mv / mc) + zc * se_log) - 1)],
    })

# ---- multiple testing ----------------------------------------------------------------------------------------
adjust = []
for pv in [
    [0.01, 0.04, 0.03, 0.2, 0.5],
    [0.001, 0.001, 0.02, 0.02, 0.9, 1.0],
    list(rng.random(12) ** 3),
    [0.04],
    [0.3, 0.01, 0.7, 0.049, 0.051, 0.0001, 0.6, 0.6],
]:
    adjust.append({
        "pValues": [float(p) for p in pv],
        "holm": [float(p) for p in multipletests(pv, method="holm")[1]],
        "bh": [float(p) for p in multipletests(pv, method="fdr_bh")[1]],
    })

# ---- sample ratio mismatch -----------------------------------------------------------------------------------
srm = []
for observed, weights in [([5000, 5000], [1, 1]), ([5120, 4880], [1, 1]), ([1000, 1100, 950], [1, 1, 1]), ([2600, 7400], [1, 3]), ([503, 497], [1, 1]), ([50, 80, 70], [0.25, 0.5, 0.25])]:
    total = sum(observed)
    expected = [total * w / sum(weights) for w in weights]
    r = stats.chisquare(observed, expected)
    srm.append({"observed": observed, "weights": weights, "statistic": float(r.statistic), "pValue": float(r.pvalue)})

# ---- power and sample size -----------------------------------------------------------------------------------
analysis = NormalIndPower()
plans = []
for baseline, effect, alpha, power, ratio, alternative in [
    (0.1, 0.02, 0.05, 0.8, 1, "two-sided"),
    (0.1, 0.01, 0.05, 0.8, 1, "two-sided"),
    (0.05, 0.005, 0.05, 0.9, 1, "two-sided"),
    (0.3, -0.03, 0.01, 0.8, 1, "two-sided"),
    (0.5, 0.05, 0.05, 0.8, 2, "two-sided"),
    (0.02, 0.004, 0.1, 0.8, 0.5, "two-sided"),
    (0.1, 0.02, 0.05, 0.8, 1, "larger"),
    (0.2, -0.02, 0.05, 0.95, 1.5, "smaller"),
    (0.8, 0.05, 0.05, 0.8, 1, "two-sided"),
    (0.001, 0.001, 0.05, 0.8, 1, "two-sided"),
]:
    h = proportion_effectsize(baseline + effect, baseline)
    solved = analysis.solve_power(effect_size=h, nobs1=None, alpha=alpha, power=power, ratio=ratio, alternative=alternative)
    exact = optimize.brentq(
        lambda n: analysis.power(h, n, alpha, ratio=ratio, alternative=alternative) - power, 1e-3, 1e9, xtol=1e-12, rtol=1e-15, maxiter=500
    )
    points = [10.0, 100.0, 1000.0, float(round(exact)), 25000.0]
    plans.append({
        "baseline": baseline, "minimumDetectableEffect": effect, "alpha": alpha, "power": power, "ratio": ratio,
        "alternative": alternative, "effectSize": float(h),
        "nobs1": float(solved), "nobs1Exact": float(exact),
        "powerAt": [{"nobs1": n, "power": float(analysis.power(h, n, alpha, ratio=ratio, alternative=alternative))} for n in points],
    })

# ---- an end-to-end experiment: 3 segments (one numeric id), 3 variants, conversions and revenue ---------------
segments_spec = {"loyal": (0.12, 600), "new": (0.05, 900), 7: (0.2, 300)}
rows = {"segment": [], "variant": [], "converted": [], "revenue": []}
lifts = {"A": 0.0, "B": 0.01, "C": -0.005}
for seg, (rate, n) in segments_spec.items():
    for _ in range(n):
        var = ["A", "B", "C"][rng.integers(0, 3)]
        conv = bool(rng.random() < rate + lifts[var])
        rows["segment"].append(seg)
        rows["variant"].append(var)
        rows["converted"].append(conv)
        rows["revenue"].append(float(np.round(rng.gamma(2.0, 25.0), 2)) if conv else 0.0)
seg_arr = np.array([str(s) for s in rows["segment"]])
var_arr = np.array(rows["variant"])
conv_arr = np.array(rows["converted"], dtype=float)
rev_arr = np.array(rows["revenue"])
# sorted as segmentExperiment sorts: numbers first, then text
order = [7, "loyal", "new"]
experiment = {"records": rows, "conversion": {}, "revenue": {}}
for kind, values in [("conversion", conv_arr), ("revenue", rev_arr)]:
    family, slices = [], []
    for seg in order + [None]:
        mask = np.ones(len(values), bool) if seg is None else seg_arr == str(seg)
        arms = []
        for v in ["A", "B", "C"]:
            m = mask & (var_arr == v)
            arms.append({"n": int(m.sum()), "sum": float(values[m].sum()), "mean": float(values[m].mean())})
        comps = []
        ctrl = values[mask & (var_arr == "A")]
        for v in ["B", "C"]:
            x = values[mask & (var_arr == v)]
            if kind == "conversion":
                z, p = proportions_ztest([x.sum(), ctrl.sum()], [len(x), len(ctrl)])
                ci = confint_proportions_2indep(x.sum(), len(x), ctrl.sum(), len(ctrl), method="wald", compare="diff")
                comp = {"statistic": float(z), "pValue": float(p), "interval": [float(ci[0]), float(ci[1])],
                        "probabilityToBeat": prob_beat(1 + x.sum(), 1 + len(x) - x.sum(), 1 + ctrl.sum(), 1 + len(ctrl) - ctrl.sum())}
            else:
                t = stats.ttest_ind(x, ctrl, equal_var=False)
                lo, hi = CompareMeans(DescrStatsW(x), DescrStatsW(ctrl)).tconfint_diff(usevar="unequal")
                comp = {"statistic": float(t.statistic), "pValue": float(t.pvalue), "interval": [float(lo), float(hi)]}
            comp["absoluteLift"] = float(x.mean() - ctrl.mean())
            comps.append(comp)
            if seg is not None:
                family.append(comp["pValue"])
        counts = [a["n"] for a in arms]
        chi = stats.chisquare(counts)
        slices.append({"segment": seg, "arms": arms, "comparisons": comps, "srm": {"statistic": float(chi.statistic), "pValue": float(chi.pvalue)}})
    holm = multipletests(family, method="holm")[1]
    bh = multipletests(family, method="fdr_bh")[1]
    i = 0
    for s in slices[:-1]:
        for comp in s["comparisons"]:
            comp["holm"], comp["bh"] = float(holm[i]), float(bh[i])
            i += 1
    experiment[kind] = slices

out = {
    "generator": {
        "statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__, "mpmath": mpmath.__version__,
        "script": "test/reference/scripts/experiments.py",
    },
    "alpha": ALPHA,
    "proportions": proportions,
    "priors": priors,
    "revenue": revenue,
    "adjust": adjust,
    "srm": srm,
    "plans": plans,
    "experiment": experiment,
}
with open("test/reference/experiments.json", "w") as f:
    json.dump(out, f)
