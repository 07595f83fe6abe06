#!/usr/bin/python3
"""Reference values for KMeans (test/cluster/KMeans.reference.test.ts), from scikit-learn 1.2.

Run from the repository root with Debian's Python (python3-sklearn):
    /usr/bin/python3 test/reference/scripts/kmeans.py
Writes test/reference/kmeans.json. Every case uses an explicit initialisation and n_init=1, the setting in
which scikit-learn's result is fully determined, with algorithm='lloyd'.
"""
import json
import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

out = {"generator": {"sklearn": sklearn.__version__, "numpy": np.__version__, "script": "test/reference/scripts/kmeans.py"}, "cases": []}


def case(name, X, init, sample_weight=None, X_new=None, sk_algorithm="lloyd", **params):
    model = KMeans(n_clusters=init.shape[0], init=init, n_init=1, algorithm=sk_algorithm, **params)
    model.fit(X, sample_weight=sample_weight)
    entry = {
        "name": name,
        "sklearnAlgorithm": sk_algorithm,
        "X": X.tolist(),
        "init": init.tolist(),
        "params": params,
        "sampleWeight": None if sample_weight is None else sample_weight.tolist(),
        "labels": model.labels_.tolist(),
        "centroids": model.cluster_centers_.tolist(),
        "inertia": float(model.inertia_),
        "nIter": int(model.n_iter_),
    }
    if X_new is not None:
        entry["XNew"] = X_new.tolist()
        entry["predict"] = model.predict(X_new).tolist()
        entry["transform"] = model.transform(X_new).tolist()
        entry["score"] = float(model.score(X_new))
    out["cases"].append(entry)


X, _ = make_blobs(n_samples=500, centers=4, n_features=3, cluster_std=1.5, random_state=0)
rng = np.random.default_rng(7)
X_new = rng.normal(scale=6, size=(40, 3))
first4 = X[:4].copy()

case("blobs_first_rows_init", X, first4, X_new=X_new)
case("blobs_tol_zero", X, first4, tol=0.0)
case("blobs_max_iter_2", X, first4, max_iter=2)
case("blobs_loose_tol", X, first4, tol=0.5)
# a centroid far from every row gets no rows at the first assignment: scikit-learn relocates it
case("empty_cluster_relocation", X, np.vstack([X[:3], [[100.0, 100.0, 100.0]]]))
# two identical centroids: ties go to the lower index, so the second one starts empty
case("duplicate_centroids", X, np.vstack([X[:2], X[:2]]))
# two empty clusters at once
case("two_empty_clusters", X, np.vstack([X[:2], [[100.0, 100.0, 100.0]], [[-100.0, 50.0, 0.0]]]))
weights = rng.integers(0, 4, size=X.shape[0]).astype(float)
case("sample_weights_with_zeros", X, first4, sample_weight=weights)
case("single_cluster", X, X[:1].copy())
X1, _ = make_blobs(n_samples=300, centers=3, n_features=1, cluster_std=0.8, random_state=3)
case("one_dimension", X1, X1[:3].copy())
X8, _ = make_blobs(n_samples=3000, centers=8, n_features=8, cluster_std=2.0, random_state=11)
case("eight_blobs_eight_dims", X8, X8[:8].copy())
# Integer-valued data with many rows exactly equidistant from two centroids. scikit-learn's 'lloyd' computes
# distances as ||c||^2 - 2 x.c with BLAS, so exact ties fall to rounding noise (here it stops one iteration
# earlier); its 'elkan' computes them directly and breaks ties to the lower index, as segmentkit does, so it is
# the reference for this case.
Xint = rng.integers(0, 5, size=(200, 2)).astype(float)
case("integer_grid_ties", Xint, np.array([[0.0, 0.0], [4.0, 4.0], [2.0, 2.0]]), sk_algorithm="elkan")

with open("test/reference/kmeans.json", "w") as f:
    json.dump(out, f)
print("wrote test/reference/kmeans.json with", len(out["cases"]), "cases")
