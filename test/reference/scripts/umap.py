#!/usr/bin/python3
"""Reference values for UMAP's graph and curve (test/decomposition/umap/UMAP.reference.test.ts).

umap-learn is not installed (nor installable here), so this script implements, independently of segmentkit and
in float64, what umap-learn 0.5 computes before the layout, from the paper (McInnes, Healy & Melville 2018,
section 3) and umap-learn's published functions:

- the exact k nearest neighbours (the row itself first, then by distance, ties by row index), Euclidean or
  Manhattan;
- smooth_knn_dist: rho_i (distance to the local_connectivity-th non-zero neighbour, interpolated) and sigma_i (64
  bisection steps, doubling while the upper bound is open, until sum_j exp(-max(0, d_ij - rho_i) / sigma_i) over
  the neighbours after the first is log2(k) to 1e-5; at least 1e-3 of the mean distance);
- compute_membership_strengths and the fuzzy set union mix * (A + A^T - A o A^T) + (1 - mix) * A o A^T (scipy.sparse);
- find_ab_params: scipy.optimize.curve_fit of 1 / (1 + a x^(2b)) on 300 points of [0, 3 spread], from (1, 1).

umap-learn itself rounds the neighbour distances, sigmas and rhos to float32; these values are float64.
    /usr/bin/python3 test/reference/scripts/umap.py
"""
import json

import numpy as np
import scipy
import scipy.sparse
from scipy.optimize import curve_fit

SMOOTH_K_TOLERANCE = 1e-5
MIN_K_DIST_SCALE = 1e-3


def knn(X, k, metric):
    n = len(X)
    diff = X[:, None, :] - X[None, :, :]
    D = np.sqrt((diff**2).sum(-1)) if metric == "euclidean" else np.abs(diff).sum(-1)
    indices = np.zeros((n, k), dtype=np.int64)
    distances = np.zeros((n, k))
    for i in range(n):
        others = [j for j in range(n) if j != i]
        order = sorted(others, key=lambda j: (D[i, j], j))[: k - 1]
        indices[i] = [i] + order
        distances[i] = [0.0] + [D[i, j] for j in order]
    return indices, distances


def smooth_knn_dist(distances, k, local_connectivity, n_iter=64, bandwidth=1.0):
    target = np.log2(k) * bandwidth
    n = distances.shape[0]
    rho = np.zeros(n)
    result = np.zeros(n)
    mean_distances = np.mean(distances)
    for i in range(n):
        lo, hi, mid = 0.0, np.inf, 1.0
        ith = distances[i]
        non_zero = ith[ith > 0.0]
        if non_zero.shape[0] >= local_connectivity:
            index = int(np.floor(local_connectivity))
            interpolation = local_connectivity - index
            if index > 0:
                rho[i] = non_zero[index - 1]
                if interpolation > SMOOTH_K_TOLERANCE:
                    rho[i] += interpolation * (non_zero[index] - non_zero[index - 1])
            else:
                rho[i] = interpolation * non_zero[0]
        elif non_zero.shape[0] > 0:
            rho[i] = np.max(non_zero)
        for _ in range(n_iter):
            psum = 0.0
            for j in range(1, distances.shape[1]):
                d = distances[i, j] - rho[i]
                psum += np.exp(-(d / mid)) if d > 0 else 1.0
            if np.fabs(psum - target) < SMOOTH_K_TOLERANCE:
                break
            if psum > target:
                hi = mid
                mid = (lo + hi) / 2.0
            else:
                lo = mid
                mid = mid * 2 if hi == np.inf else (lo + hi) / 2.0
        result[i] = mid
        if rho[i] > 0.0:
            if result[i] < MIN_K_DIST_SCALE * np.mean(ith):
                result[i] = MIN_K_DIST_SCALE * np.mean(ith)
        elif result[i] < MIN_K_DIST_SCALE * mean_distances:
            result[i] = MIN_K_DIST_SCALE * mean_distances
    return result, rho


def fuzzy_graph(indices, distances, sigmas, rhos, mix):
    n, k = indices.shape
    rows, cols, vals = [], [], []
    for i in range(n):
        for j in range(k):
            if indices[i, j] == i:
                val = 0.0
            elif distances[i, j] - rhos[i] <= 0.0 or sigmas[i] == 0.0:
                val = 1.0
            else:
                val = np.exp(-((distances[i, j] - rhos[i]) / sigmas[i]))
            rows.append(i)
            cols.append(indices[i, j])
            vals.append(val)
    A = scipy.sparse.coo_matrix((vals, (rows, cols)), shape=(n, n)).tocsr()
    A.eliminate_zeros()
    T = A.transpose()
    P = A.multiply(T)
    G = mix * (A + T - P) + (1.0 - mix) * P
    G.eliminate_zeros()
    return G.toarray()


def find_ab_params(spread, min_dist):
    def curve(x, a, b):
        return 1.0 / (1.0 + a * x ** (2 * b))

    xv = np.linspace(0, spread * 3, 300)
    yv = np.zeros(xv.shape)
    yv[xv < min_dist] = 1.0
    yv[xv >= min_dist] = np.exp(-(xv[xv >= min_dist] - min_dist) / spread)
    params, _ = curve_fit(curve, xv, yv)
    return float(params[0]), float(params[1])


rng = np.random.default_rng(2018)
datasets = {
    "normal-12x3": rng.normal(size=(12, 3)),
    "blobs-20x2": np.vstack([rng.normal(0, 0.5, size=(10, 2)), rng.normal(4, 1.0, size=(10, 2))]),
    # exact duplicates: zero distances, rho from the first non-zero one
    "duplicates-10x2": np.repeat(rng.normal(size=(5, 2)), 2, axis=0)[rng.permutation(10)],
}
settings = [
    ("normal-12x3", 4, 1.0, 1.0, "euclidean"),
    ("normal-12x3", 6, 1.5, 0.5, "euclidean"),
    ("normal-12x3", 5, 0.0, 0.0, "manhattan"),
    ("blobs-20x2", 5, 1.0, 1.0, "euclidean"),
    ("blobs-20x2", 8, 2.0, 1.0, "manhattan"),
    ("duplicates-10x2", 4, 1.0, 1.0, "euclidean"),
    ("duplicates-10x2", 3, 1.0, 0.25, "euclidean"),
]
cases = []
for name, k, lc, mix, metric in settings:
    X = datasets[name]
    indices, distances = knn(X, k, metric)
    sigmas, rhos = smooth_knn_dist(distances, k, lc)
    G = fuzzy_graph(indices, distances, sigmas, rhos, mix)
    cases.append(
        {
            "name": f"{name} k={k} localConnectivity={lc} setOpMixRatio={mix} {metric}",
            "X": X.tolist(),
            "nNeighbors": k,
            "localConnectivity": lc,
            "setOpMixRatio": mix,
            "metric": metric,
            "indices": indices.tolist(),
            "distances": distances.tolist(),
            "sigmas": sigmas.tolist(),
            "rhos": rhos.tolist(),
            "graph": G.tolist(),
        }
    )
curves = []
for min_dist, spread in [(0.1, 1.0), (0.0, 1.0), (0.5, 1.0), (0.25, 2.0), (1.0, 1.0), (0.05, 0.5)]:
    a, b = find_ab_params(spread, min_dist)
    curves.append({"minDist": min_dist, "spread": spread, "a": a, "b": b})

out = {
    "generator": f"test/reference/scripts/umap.py (numpy {np.__version__}, scipy {scipy.__version__})",
    "cases": cases,
    "curves": curves,
}
with open("test/reference/umap.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} graph cases and {len(curves)} curves to test/reference/umap.json")
