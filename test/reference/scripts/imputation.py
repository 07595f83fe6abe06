#!/usr/bin/python3
"""Reference values for SimpleImputer (scikit-learn 1.2) and Winsorizer (numpy quantiles + clip).

    /usr/bin/python3 test/reference/scripts/imputation.py
Writes test/reference/imputation.json. Missing values are written as null.
"""
import json
import numpy as np
import sklearn
from sklearn.impute import SimpleImputer

rng = np.random.default_rng(11)
n = 40
X = np.column_stack([
    rng.normal(50, 10, n),
    rng.integers(0, 5, n).astype(float),              # ties for most_frequent
    rng.lognormal(3, 1, n),
    np.r_[[2.0, 2.0, 5.0, 5.0], rng.uniform(6, 9, n - 4)],  # most_frequent tie between 2 and 5 → 2
])
mask = rng.uniform(size=X.shape) < 0.2
X[mask] = np.nan
X_new = np.where(rng.uniform(size=(6, 4)) < 0.5, np.nan, rng.normal(0, 5, (6, 4)))

def nulls(a):
    return [[None if np.isnan(v) else float(v) for v in row] for row in a]

out = {"generator": {"sklearn": sklearn.__version__, "script": "test/reference/scripts/imputation.py"},
       "X": nulls(X), "XNew": nulls(X_new), "imputer": {}}
for strategy, kwargs in [("mean", {}), ("median", {}), ("most_frequent", {}), ("constant", {"fill_value": -7.5})]:
    model = SimpleImputer(strategy=strategy, **kwargs).fit(X)
    out["imputer"][strategy] = {"statistics": model.statistics_.tolist(), "transformNew": model.transform(X_new).tolist()}

Y = rng.lognormal(2, 1.5, size=(200, 3))
Y[:, 2] = np.round(Y[:, 2])
Y_new = np.vstack([Y[:5], [[0, 0, 0], [1e6, 1e6, 1e6]]])
lo, hi = np.quantile(Y, [0.01, 0.99], axis=0)
lo5, hi95 = np.quantile(Y, [0.05, 0.95], axis=0)
out["winsorizer"] = {
    "X": Y.tolist(), "XNew": Y_new.tolist(),
    "default": {"lower": lo.tolist(), "upper": hi.tolist(), "transformNew": np.clip(Y_new, lo, hi).tolist()},
    "q05_95": {"lower": lo5.tolist(), "upper": hi95.tolist(), "transformNew": np.clip(Y_new, lo5, hi95).tolist()},
}
with open("test/reference/imputation.json", "w") as f:
    json.dump(out, f)
print("wrote test/reference/imputation.json")
