#!/usr/bin/python3
"""Reference values for GaussianMixture (test/mixture/GaussianMixture.reference.test.ts), scikit-learn 1.2.

Every case gives weights_init, means_init and precisions_init, so no k-means step or random number is involved
and the fit is fully determined. Recorded: weights, means, covariances, precisions, precisions_cholesky,
lower_bound, n_iter, converged, predict_proba and score_samples on new rows, bic, aic.
    /usr/bin/python3 test/reference/scripts/gaussian_mixture.py
"""
import json
import numpy as np
import sklearn
from sklearn.datasets import make_blobs
from sklearn.mixture import GaussianMixture

rng = np.random.default_rng(13)
X, _ = make_blobs(n_samples=400, centers=3, n_features=3, cluster_std=[1.0, 1.6, 0.7], random_state=4)
# an elongated, correlated component
X[:130] = X[:130] @ np.array([[1.0, 0.6, 0.0], [0.0, 1.0, 0.3], [0.0, 0.0, 0.5]])
X_new = np.vstack([rng.normal(0, 6, size=(12, 3)), [[1e3, -1e3, 1e3]]])  # includes a far-away row
k, d = 3, X.shape[1]
weights_init = np.array([0.2, 0.3, 0.5])
means_init = X[[0, 150, 300]] + 0.5

def precisions_init(kind):
    base = np.array([[1.2, 0.1, 0.0], [0.1, 0.8, 0.05], [0.0, 0.05, 1.5]])
    if kind == "full":
        return np.stack([base * s for s in (1.0, 0.7, 1.4)])
    if kind == "tied":
        return base
    if kind == "diag":
        return np.array([[1.0, 0.9, 1.1], [0.6, 0.8, 0.7], [1.5, 1.2, 1.3]])
    return np.array([1.0, 0.7, 1.3])

out = {"generator": {"sklearn": sklearn.__version__, "script": "test/reference/scripts/gaussian_mixture.py"},
       "X": X.tolist(), "XNew": X_new.tolist(), "weightsInit": weights_init.tolist(), "meansInit": means_init.tolist(), "cases": []}
for kind in ("full", "tied", "diag", "spherical"):
    for tol, max_iter in ((1e-3, 100), (1e-8, 500), (1e-3, 3)):
        gm = GaussianMixture(n_components=k, covariance_type=kind, tol=tol, max_iter=max_iter, weights_init=weights_init,
                             means_init=means_init, precisions_init=precisions_init(kind), random_state=0).fit(X)
        out["cases"].append({
            "covarianceType": kind, "tol": tol, "maxIter": max_iter, "precisionsInit": precisions_init(kind).tolist(),
            "weights": gm.weights_.tolist(), "means": gm.means_.tolist(), "covariances": gm.covariances_.tolist(),
            "precisions": gm.precisions_.tolist(), "precisionsCholesky": gm.precisions_cholesky_.tolist(),
            "lowerBound": float(gm.lower_bound_), "nIter": int(gm.n_iter_), "converged": bool(gm.converged_),
            "predictProba": gm.predict_proba(X_new).tolist(), "scoreSamples": gm.score_samples(X_new).tolist(),
            "predict": gm.predict(X_new).tolist(), "bic": float(gm.bic(X)), "aic": float(gm.aic(X)),
        })
with open("test/reference/gaussian_mixture.json", "w") as f:
    json.dump(out, f)
print("wrote test/reference/gaussian_mixture.json with", len(out["cases"]), "cases")
