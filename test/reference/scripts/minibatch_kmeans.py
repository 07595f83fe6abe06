#!/usr/bin/python3
"""Reference values for MiniBatchKMeans.partialFit (test/cluster/MiniBatchKMeans.reference.test.ts).

scikit-learn 1.2's MiniBatchKMeans.partial_fit with explicit initial centres and reassignment_ratio=0 draws no
random numbers, so its centres, counts, labels and inertia after each batch are fully determined.
    /usr/bin/python3 test/reference/scripts/minibatch_kmeans.py
Writes test/reference/minibatch_kmeans.json.
"""
import json
import numpy as np
import sklearn
from sklearn.cluster import MiniBatchKMeans
from sklearn.datasets import make_blobs

out = {"generator": {"sklearn": sklearn.__version__, "script": "test/reference/scripts/minibatch_kmeans.py"}, "cases": []}
rng = np.random.default_rng(3)
for name, weighted in [("unweighted", False), ("weighted", True)]:
    X, _ = make_blobs(n_samples=600, centers=4, n_features=3, cluster_std=1.2, random_state=5)
    init = X[:4].copy()
    batches = [X[i:i + 100] for i in range(0, 600, 100)]
    weights = [rng.integers(1, 4, size=len(b)).astype(float) for b in batches] if weighted else [None] * len(batches)
    model = MiniBatchKMeans(n_clusters=4, init=init, n_init=1, reassignment_ratio=0.0, batch_size=100)
    steps = []
    for b, w in zip(batches, weights):
        model.partial_fit(b, sample_weight=w)
        steps.append({
            "batch": b.tolist(),
            "sampleWeight": None if w is None else w.tolist(),
            "centroids": model.cluster_centers_.tolist(),
            "counts": model._counts.tolist(),
            "labels": model.labels_.tolist(),
            "inertia": float(model.inertia_),
        })
    out["cases"].append({"name": name, "init": init.tolist(), "steps": steps})

with open("test/reference/minibatch_kmeans.json", "w") as f:
    json.dump(out, f)
print("wrote test/reference/minibatch_kmeans.json")
