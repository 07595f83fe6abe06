#!/usr/bin/python3
"""Reference values for the numeric transformers (test/features/*.reference.test.ts), from scikit-learn 1.2.

    /usr/bin/python3 test/reference/scripts/scalers.py
Writes test/reference/scalers.json. Inputs include a constant column, a large constant column (1e9), ties,
heavy right tails, negative values and a column with zero IQR.
"""
import json
import numpy as np
import sklearn
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, PowerTransformer, RobustScaler, StandardScaler

rng = np.random.default_rng(42)
n = 60
X = np.column_stack([
    rng.normal(10, 3, n),                      # ordinary
    rng.lognormal(4, 1.2, n),                  # spend-like heavy right tail (positive)
    np.full(n, 7.0),                           # constant
    np.full(n, 1e9),                           # large constant
    rng.integers(0, 4, n).astype(float),       # ties
    rng.normal(0, 1, n) * 1e-3 - 5,            # negative, tiny spread
    np.r_[np.zeros(n - 5), rng.uniform(1, 5, 5)],  # zero IQR (mostly zeros)
    rng.normal(0, 2, n),                       # mixed sign (Yeo-Johnson's negative branch)
])
positive = np.column_stack([X[:, 1], rng.gamma(2.0, 50.0, n), rng.uniform(0.5, 3, n), np.full(n, 2.5)])
X_new = rng.normal(5, 10, size=(8, X.shape[1]))

out = {"generator": {"sklearn": sklearn.__version__, "script": "test/reference/scripts/scalers.py"},
       "X": X.tolist(), "XNew": X_new.tolist(), "positive": positive.tolist(), "cases": {}}

def record(name, model, data, new):
    fitted = model.fit(data)
    entry = {"transform": fitted.transform(data).tolist(), "transformNew": fitted.transform(new).tolist()}
    if hasattr(fitted, "inverse_transform"):
        entry["inverseNew"] = fitted.inverse_transform(new).tolist()
    for attr in ("mean_", "var_", "scale_", "center_", "data_min_", "data_max_", "min_", "max_abs_", "lambdas_"):
        if getattr(fitted, attr, None) is not None:
            entry[attr.rstrip("_")] = np.asarray(getattr(fitted, attr)).tolist()
    out["cases"][name] = entry

record("StandardScaler", StandardScaler(), X, X_new)
record("StandardScaler_noMean", StandardScaler(with_mean=False), X, X_new)
record("StandardScaler_noStd", StandardScaler(with_std=False), X, X_new)
record("MinMaxScaler", MinMaxScaler(), X, X_new)
record("MinMaxScaler_range", MinMaxScaler(feature_range=(-1, 3)), X, X_new)
record("RobustScaler", RobustScaler(), X, X_new)
record("RobustScaler_10_90", RobustScaler(quantile_range=(10.0, 90.0)), X, X_new)
record("RobustScaler_unitVariance", RobustScaler(unit_variance=True), X, X_new)
record("MaxAbsScaler", MaxAbsScaler(), X, X_new)
yj_cols = [0, 1, 4, 7]
record("PowerTransformer_yeojohnson", PowerTransformer(method="yeo-johnson"), X[:, yj_cols], X_new[:, yj_cols])
record("PowerTransformer_yeojohnson_raw", PowerTransformer(method="yeo-johnson", standardize=False), X[:, yj_cols], X_new[:, yj_cols])
pos_new = np.abs(X_new[:, :4]) + 0.1
record("PowerTransformer_boxcox", PowerTransformer(method="box-cox"), positive[:, :3], pos_new[:, :3])
record("PowerTransformer_boxcox_raw", PowerTransformer(method="box-cox", standardize=False), positive[:, :3], pos_new[:, :3])
out["positiveNew"] = pos_new[:, :3].tolist()
out["yeoJohnsonColumns"] = yj_cols

def finite(value):
    assert np.all(np.isfinite(np.asarray(value, dtype=float))), "non-finite reference value"

for case in out["cases"].values():
    for value in case.values():
        finite(value)

with open("test/reference/scalers.json", "w") as f:
    json.dump(out, f)
print("wrote test/reference/scalers.json with", len(out["cases"]), "cases")
