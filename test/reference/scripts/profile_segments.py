#!/usr/bin/python3
"""Reference profile for test/explain/profileSegments.reference.test.ts, on the real Telco churn file.

Run from the repository root with Debian's Python (python3-pandas 1.5, python3-scipy 1.10, python3-statsmodels):
    /usr/bin/python3 test/reference/scripts/profile_segments.py
Segments are the `Contract` column (three named segments); every statistic is computed here independently of
segmentkit: pandas group-bys and quantiles (linear), Cohen's d with the pooled standard deviation, scipy's
mannwhitneyu / ttest_ind(equal_var=False) / chi2_contingency of segment vs rest, Cramér's V from the uncorrected
chi-square, and statsmodels' Benjamini–Hochberg over every segment × feature test.
Writes test/reference/profile_segments.json.
"""
import json

import numpy as np
import pandas as pd
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests

df = pd.read_csv("test/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv")
numeric = ["tenure", "MonthlyCharges"]
categorical = ["InternetService", "PaymentMethod", "Churn"]
segments = sorted(df["Contract"].unique())


def cohen_d(a, b):
    pooled = np.sqrt((((a - a.mean()) ** 2).sum() + ((b - b.mean()) ** 2).sum()) / (len(a) + len(b) - 2))
    return float((a.mean() - b.mean()) / pooled)


out = {"segments": [], "numeric": numeric, "categorical": categorical}
for test in ["mann-whitney", "welch"]:
    rows, pvals = [], []
    for s in segments:
        inside = df["Contract"] == s
        entry = {"segment": s, "size": int(inside.sum()), "numeric": {}, "categorical": {}}
        for f in numeric:
            a, b = df.loc[inside, f].astype(float), df.loc[~inside, f].astype(float)
            if test == "mann-whitney":
                r = stats.mannwhitneyu(a, b)
            else:
                r = stats.ttest_ind(a, b, equal_var=False)
            pvals.append(float(r.pvalue))
            entry["numeric"][f] = {
                "mean": float(a.mean()),
                "median": float(a.median()),
                "q25": float(a.quantile(0.25)),
                "q75": float(a.quantile(0.75)),
                "std": float(a.std(ddof=1)),
                "lift": float(a.mean() / df[f].mean()),
                "standardizedDifference": cohen_d(a, b),
                "statistic": float(r.statistic),
                "pValue": float(r.pvalue),
            }
        for f in categorical:
            table = pd.crosstab(inside, df[f])
            chi2, p, dof, _ = stats.chi2_contingency(table.values)
            chi2_uncorrected = stats.chi2_contingency(table.values, correction=False)[0]
            pvals.append(float(p))
            shares = df.loc[inside, f].value_counts(normalize=True)
            overall = df[f].value_counts(normalize=True)
            entry["categorical"][f] = {
                "statistic": float(chi2),
                "pValue": float(p),
                "effectSize": float(np.sqrt(chi2_uncorrected / len(df))),
                "shares": {str(c): float(shares.get(c, 0.0)) for c in overall.index},
                "overallShares": {str(c): float(v) for c, v in overall.items()},
            }
        rows.append(entry)
    adjusted = multipletests(pvals, method="fdr_bh")[1].tolist()
    i = 0
    for entry in rows:
        for f in numeric:
            entry["numeric"][f]["adjustedPValue"] = adjusted[i]
            i += 1
        for f in categorical:
            entry["categorical"][f]["adjustedPValue"] = adjusted[i]
            i += 1
    out[test] = rows

out["generator"] = {
    "pandas": pd.__version__,
    "scipy": scipy.__version__,
    "statsmodels": statsmodels.__version__,
    "script": "test/reference/scripts/profile_segments.py",
}
with open("test/reference/profile_segments.json", "w") as f:
    json.dump(out, f, indent=1)
