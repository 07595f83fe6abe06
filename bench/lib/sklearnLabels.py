#!/usr/bin/python3
"""Labels, n_iter and inertia of scikit-learn KMeans(algorithm='lloyd', n_init=1, tol=0) for an explicit init,
so the k-means benchmark can check that segmentkit's labels are identical (not a timing run).
Usage: sklearnLabels.py DATA ROWS COLS INIT K OUT_LABELS"""
import json, sys
import numpy as np
from sklearn.cluster import KMeans

data, rows, cols, init, k, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), sys.argv[6]
X = np.fromfile(data, dtype="<f8").reshape(rows, cols)
C = np.fromfile(init, dtype="<f8").reshape(k, cols)
m = KMeans(k, init=C, n_init=1, tol=0, max_iter=300, algorithm="lloyd").fit(X)
m.labels_.astype("<i4").tofile(out)
print(json.dumps({"n_iter": int(m.n_iter_), "inertia": float(m.inertia_)}))
