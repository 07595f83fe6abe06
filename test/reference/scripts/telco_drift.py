#!/usr/bin/python3
"""Reference values for driftReport on the Telco churn file (test/data/telco_churn), computed with pandas and scipy.

    /usr/bin/python3 test/reference/scripts/telco_drift.py
Writes test/reference/telco_drift.json. The file is read with pandas.read_csv (TotalCharges' blank cells become
NaN with na_values=[' ']), split by tenure (reference: tenure < 30, current: tenure >= 30). For every column but
customerID (unique per row) the default test of a reference above 1,000 rows: numeric columns get
scipy.stats.wasserstein_distance / numpy std (ddof 0) of the reference, with numpy mean and median of each side;
categorical columns get scipy.spatial.distance.jensenshannon(base=2) over the category shares and the share
change per category.
"""
import json
import numpy as np
import pandas as pd
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.stats import wasserstein_distance

df = pd.read_csv("test/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv", na_values=[" "], keep_default_na=False)
ref = df[df.tenure < 30]
cur = df[df.tenure >= 30]
out = {"generator": {"pandas": pd.__version__, "numpy": np.__version__, "scipy": scipy.__version__, "script": "test/reference/scripts/telco_drift.py"},
       "referenceRows": len(ref), "currentRows": len(cur), "columns": {}}
for name in df.columns:
    if name == "customerID":
        continue
    a, b = ref[name], cur[name]
    if pd.api.types.is_numeric_dtype(df[name]):
        x, y = a.dropna().to_numpy(float), b.dropna().to_numpy(float)
        out["columns"][name] = {"type": "numeric", "statistic": wasserstein_distance(x, y) / max(np.std(x), 0.001),
                                "referenceMean": x.mean(), "currentMean": y.mean(),
                                "referenceMedian": float(np.median(x)), "currentMedian": float(np.median(y)),
                                "referenceMissing": int(a.isna().sum()), "currentMissing": int(b.isna().sum())}
    else:
        cats = sorted(set(a) | set(b))
        p = np.array([(a == c).sum() for c in cats], float) / len(a)
        q = np.array([(b == c).sum() for c in cats], float) / len(b)
        out["columns"][name] = {"type": "categorical", "statistic": float(jensenshannon(p, q, base=2)),
                                "changes": {c: float(q[k] - p[k]) for k, c in enumerate(cats)}}
with open("test/reference/telco_drift.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote test/reference/telco_drift.json:", len(out["columns"]), "columns")
