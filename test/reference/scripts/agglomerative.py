#!/usr/bin/python3
"""Reference values for AgglomerativeClustering and dendrogramData
(test/cluster/AgglomerativeClustering.reference.test.ts), scipy 1.10 and scikit-learn 1.2.

For every data set and linkage (ward, complete, average, single; Euclidean):
  - linkage: scipy.cluster.hierarchy.linkage(X, method) (the n - 1 merges [idx1, idx2, height, count]);
  - children, distances: scikit-learn AgglomerativeClustering(compute_distances=True).children_ / distances_
    (equal to scipy's for ward, complete and average; scikit-learn's own minimum-spanning-tree code for single,
    which keeps a different child order);
  - labels: scikit-learn labels_ for several n_clusters, and for several distance_threshold values
    (n_clusters=None), with n_clusters_;
  - dendrogram: scipy dendrogram(Z, no_plot=True) icoord, dcoord, leaves, in full and with
    truncate_mode='lastp' for two values of p.
Data sets: blobs in 2 and 5 dimensions, integer "scores" 1..5 in 3 columns (many exact ties and duplicate rows),
and a chain with a far outlier.
    /usr/bin/python3 test/reference/scripts/agglomerative.py
"""
import json
import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import dendrogram, linkage
from sklearn.cluster import AgglomerativeClustering
from sklearn.datasets import make_blobs

rng = np.random.default_rng(77)
datasets = {
    "blobs-2d": make_blobs(n_samples=60, n_features=2, centers=4, cluster_std=1.2, random_state=3)[0],
    "blobs-5d": make_blobs(n_samples=150, n_features=5, centers=6, cluster_std=2.0, random_state=8)[0],
    "scores-ties": rng.integers(1, 6, size=(80, 3)).astype(float),
    "chain-outlier": np.vstack([np.column_stack([np.arange(25) * 0.5 + rng.normal(0, 0.05, 25), rng.normal(0, 0.05, 25)]),
                                [[40.0, 40.0]], rng.normal([6, 5], 0.3, size=(10, 2))]),
}
cases = []
for name, X in datasets.items():
    n = len(X)
    for method in ("ward", "complete", "average", "single"):
        Z = linkage(X, method)
        full = AgglomerativeClustering(n_clusters=2, linkage=method, compute_distances=True).fit(X)
        case = {"name": name, "linkage": method, "X": X.tolist(), "Z": Z.tolist(),
                "children": full.children_.tolist(), "distances": full.distances_.tolist(),
                "labels": [], "thresholds": [], "dendrograms": []}
        for k in (1, 2, 3, 5, 8, n):
            m = AgglomerativeClustering(n_clusters=k, linkage=method).fit(X)
            case["labels"].append({"nClusters": k, "labels": m.labels_.tolist()})
        heights = Z[:, 2]
        # thresholds between merge heights and exactly at one (merges at a height >= threshold are undone)
        for t in (0.0, float(np.quantile(heights, 0.5)), float(heights[-3]), float(heights[-1]) + 1.0):
            m = AgglomerativeClustering(n_clusters=None, distance_threshold=t, linkage=method).fit(X)
            case["thresholds"].append({"distanceThreshold": t, "nClusters": int(m.n_clusters_), "labels": m.labels_.tolist()})
        for p in (None, 12, 4):
            d = dendrogram(Z, no_plot=True) if p is None else dendrogram(Z, no_plot=True, truncate_mode="lastp", p=p)
            case["dendrograms"].append({"truncate": p, "icoord": d["icoord"], "dcoord": d["dcoord"], "leaves": d["leaves"]})
        cases.append(case)

out = {"generator": {"scipy": scipy.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__,
                     "script": "test/reference/scripts/agglomerative.py"}, "cases": cases}
with open("test/reference/agglomerative.json", "w") as f:
    json.dump(out, f)
print("wrote test/reference/agglomerative.json with", len(cases), "cases")
