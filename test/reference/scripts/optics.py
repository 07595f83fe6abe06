#!/usr/bin/python3
"""Reference values for OPTICS (test/cluster/optics/OPTICS.reference.test.ts), scikit-learn 1.2.

Every case records scikit-learn's OPTICS(min_samples, max_eps, cluster_method, xi, eps, predecessor_correction,
min_cluster_size) with the default metric (minkowski, p=2: Euclidean) or metric='manhattan', and the default
algorithm='auto' (a k-d tree: every case has at most 15 features and min_samples < n // 2, so scikit-learn never
switches to brute force): ordering_, reachability_, core_distances_ (Infinity written as null), predecessor_,
labels_, and cluster_optics_dbscan labels for a few eps values. Datasets: blobs with uniform noise in 2-D and
8-D, blobs of very different densities, and a dataset where every row appears two or three times (exact ties in
core distances and reachability, resolved by np.argmin's lowest index).
    /usr/bin/python3 test/reference/scripts/optics.py
"""
import json
import warnings

import numpy as np
import sklearn
from sklearn.cluster import OPTICS, cluster_optics_dbscan
from sklearn.datasets import make_blobs

warnings.filterwarnings("ignore")
rng = np.random.default_rng(21)


def with_noise(X, count, pad=1.0):
    low, high = X.min(axis=0) - pad, X.max(axis=0) + pad
    return np.vstack([X, rng.uniform(low, high, size=(count, X.shape[1]))])


def shuffled(X):
    return X[rng.permutation(len(X))]


datasets = {}
X, _ = make_blobs(n_samples=160, centers=3, cluster_std=0.6, random_state=1)
datasets["blobs-2d"] = shuffled(with_noise(X, 25))
X, _ = make_blobs(n_samples=200, n_features=8, centers=4, cluster_std=1.0, random_state=7)
datasets["blobs-8d"] = shuffled(with_noise(X, 20))
X, _ = make_blobs(n_samples=[80, 60, 40], centers=[[0, 0], [6, 0], [0, 8]], cluster_std=[0.2, 1.0, 2.5], random_state=3)
datasets["varying-density"] = shuffled(with_noise(X, 15))
X, _ = make_blobs(n_samples=70, centers=2, cluster_std=0.8, random_state=5)
datasets["duplicates"] = shuffled(np.vstack([X, X, X[:30]]))

param_sets = {
    "blobs-2d": [
        {},
        {"min_samples": 10, "xi": 0.1, "min_cluster_size": 0.1},
        {"max_eps": 1.0},
        {"predecessor_correction": False, "min_samples": 4},
        {"cluster_method": "dbscan", "eps": 0.5, "max_eps": 2.0},
        {"cluster_method": "dbscan", "min_samples": 8},
        {"min_samples": 0.05, "xi": 0.02},
        {"metric": "manhattan", "min_samples": 6},
    ],
    "blobs-8d": [
        {},
        {"min_samples": 7, "xi": 0.08, "min_cluster_size": 20},
        {"max_eps": 4.0, "min_samples": 5},
        {"cluster_method": "dbscan", "eps": 3.0, "max_eps": 6.0},
    ],
    "varying-density": [
        {},
        {"min_samples": 10, "xi": 0.03, "min_cluster_size": 0.05},
        {"max_eps": 1.5, "predecessor_correction": False},
        {"cluster_method": "dbscan", "eps": 1.0},
    ],
    "duplicates": [
        {},
        {"min_samples": 3},
        {"min_samples": 8, "xi": 0.1, "max_eps": 2.0},
        {"cluster_method": "dbscan", "eps": 0.7, "min_samples": 4},
    ],
}
dbscan_eps = [0.3, 0.5, 1.0, 2.0, 4.0]

NAMES = {
    "min_samples": "minSamples",
    "max_eps": "maxEps",
    "metric": "metric",
    "cluster_method": "clusterMethod",
    "xi": "xi",
    "eps": "eps",
    "predecessor_correction": "predecessorCorrection",
    "min_cluster_size": "minClusterSize",
}


def nullable(values):
    return [None if np.isinf(v) else float(v) for v in values]


cases = []
for name, X in datasets.items():
    assert X.shape[1] <= 15
    for params in param_sets[name]:
        model = OPTICS(**params).fit(X)
        ms = params.get("min_samples", 5)
        ms = max(2, int(ms * len(X))) if ms <= 1 else ms
        assert ms < len(X) // 2
        assert model.reachability_[model.ordering_[0]] == np.inf
        cases.append(
            {
                "name": f"{name} {json.dumps(params)}",
                "X": X.tolist(),
                "params": {NAMES[k]: v for k, v in params.items()},
                "ordering": model.ordering_.tolist(),
                "reachability": nullable(model.reachability_),
                "coreDistances": nullable(model.core_distances_),
                "predecessor": model.predecessor_.tolist(),
                "labels": model.labels_.tolist(),
                "dbscan": [
                    {
                        "eps": eps,
                        "labels": cluster_optics_dbscan(
                            reachability=model.reachability_,
                            core_distances=model.core_distances_,
                            ordering=model.ordering_,
                            eps=eps,
                        ).tolist(),
                    }
                    for eps in dbscan_eps
                ],
            }
        )

with open("test/reference/optics.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}, f)
    f.write("\n")
print(len(cases), "cases")
