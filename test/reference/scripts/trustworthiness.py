#!/usr/bin/python3
"""Reference values for trustworthiness (test/metrics/trustworthiness.test.ts) from scikit-learn 1.2.

Run from the repository root with Debian's Python (python3-sklearn):
    /usr/bin/python3 test/reference/scripts/trustworthiness.py
Seeded Gaussian blobs (200 × 6) and three projections: PCA to 2 components, the first two columns, and a random
linear map; sklearn.manifold.trustworthiness for several n_neighbors. Writes test/reference/trustworthiness.json.
"""
import json

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.manifold import trustworthiness

rng = np.random.default_rng(2026)
centers = rng.normal(0, 5, size=(4, 6))
X = np.vstack([c + rng.normal(0, 1, size=(50, 6)) for c in centers])
embeddings = {
    "pca2": PCA(n_components=2).fit_transform(X),
    "firstTwo": X[:, :2].copy(),
    "random": X @ rng.normal(size=(6, 2)),
}
cases = []
for name, E in embeddings.items():
    for k in [1, 5, 10, 30, 99]:
        cases.append({"embedding": name, "nNeighbors": k, "value": float(trustworthiness(X, E, n_neighbors=k))})
out = {
    "generator": {"sklearn": sklearn.__version__, "script": "test/reference/scripts/trustworthiness.py"},
    "X": X.tolist(),
    "embeddings": {k: v.tolist() for k, v in embeddings.items()},
    "cases": cases,
}
with open("test/reference/trustworthiness.json", "w") as f:
    json.dump(out, f)
print(cases)
