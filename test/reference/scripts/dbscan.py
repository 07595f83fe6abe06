#!/usr/bin/python3
"""Reference values for DBSCAN and suggestEps (test/cluster/DBSCAN.reference.test.ts), scikit-learn 1.2.

Every case records scikit-learn's DBSCAN(eps, min_samples, metric) labels_ and core_sample_indices_ with the
default algorithm='auto' (a k-d tree for Euclidean/Manhattan with at most 15 features and at least 12 rows,
brute force for cosine). Cases cover blobs with noise in 2, 3 and 20 dimensions, the three metrics, exact ties
at eps (integer grids, multiples of 0.1, and pairs where sqrt(sum d^2) <= eps but sum d^2 > eps^2: scikit-learn's
trees compare the squared sum with eps^2), border rows shared by two clusters, minSamples 1 and minSamples
larger than every neighbourhood.

For the Euclidean and Manhattan cases the script also checks that scikit-learn's neighbourhoods equal the rule
segmentkit documents (sum over columns, in column order, of d^2 <= eps*eps; of |d| <= eps) and stops if not.

predict has no scikit-learn counterpart: `predict` holds an independent numpy implementation of the documented
rule (the cluster of the nearest core sample within eps, ties to the lower core index, else -1).

suggestEps: the k-distances are column min_samples - 1 of NearestNeighbors(n_neighbors=min_samples).kneighbors(X)
(the row itself first), sorted; the knee is argmax(i/(n-1) - (y_i - y_0)/(y_{n-1} - y_0)), first on ties.
    /usr/bin/python3 test/reference/scripts/dbscan.py
"""
import json
import numpy as np
import sklearn
from sklearn.cluster import DBSCAN
from sklearn.datasets import make_blobs, make_moons
from sklearn.neighbors import NearestNeighbors

rng = np.random.default_rng(2024)


def pair_values(X, metric):
    """All pairwise comparable distances, accumulated column by column (as segmentkit does)."""
    n, d = X.shape
    s = np.zeros((n, n))
    for t in range(d):
        diff = X[:, None, t] - X[None, :, t]
        s = s + (np.abs(diff) if metric == "manhattan" else diff * diff)
    return s


def check_rule(X, eps, metric):
    if metric == "cosine":
        return
    nn = NearestNeighbors(radius=eps, metric=metric).fit(X)
    hoods = nn.radius_neighbors(X, return_distance=False)
    s = pair_values(X, metric)
    threshold = eps * eps if metric == "euclidean" else eps
    for i in range(len(X)):
        mine = set(np.nonzero(s[i] <= threshold)[0].tolist())
        if mine != set(hoods[i].tolist()):
            raise SystemExit(f"rule mismatch in row {i}: {sorted(mine ^ set(hoods[i].tolist()))}")


def predict(X, labels, cores, eps, metric, X_new):
    C = X[cores]
    out = []
    for x in X_new:
        if metric == "euclidean":
            diff = C - x
            dist = np.zeros(len(C))
            for t in range(C.shape[1]):
                dist = dist + diff[:, t] * diff[:, t]
            limit = eps * eps
        elif metric == "manhattan":
            dist = np.zeros(len(C))
            for t in range(C.shape[1]):
                dist = dist + np.abs(C[:, t] - x[t])
            limit = eps
        else:
            Cn = C / np.linalg.norm(C, axis=1, keepdims=True)
            xn = x / np.linalg.norm(x)
            dist = np.clip(1 - Cn @ xn, 0, 2)
            limit = eps
        ok = np.nonzero(dist <= limit)[0]
        if len(ok) == 0:
            out.append(-1)
        else:
            best = ok[np.argmin(dist[ok])]  # argmin returns the first (lowest core index) on ties
            out.append(int(labels[cores[best]]))
    return out


def blobs_with_noise(n, d, centers, std, noise, seed, box=(-10, 10)):
    X, _ = make_blobs(n_samples=n, n_features=d, centers=centers, cluster_std=std, center_box=box, random_state=seed)
    lo, hi = X.min(axis=0) - 1, X.max(axis=0) + 1
    N = np.random.default_rng(seed).uniform(lo, hi, size=(noise, d))
    return np.vstack([X, N])


def tie_pairs(count, seed):
    """Pairs at a distance that rounds so that sqrt(sum d^2) <= eps but sum d^2 > eps^2."""
    r = np.random.default_rng(seed)
    found = []
    while len(found) < count:
        eps = float(r.choice([0.3, 0.7, 1.1, 2.3]))
        angle = r.uniform(0, 2 * np.pi)
        a = np.array([r.uniform(-3, 3), r.uniform(-3, 3)])
        b = a + eps * np.array([np.cos(angle), np.sin(angle)])
        d0, d1 = a[0] - b[0], a[1] - b[1]
        s = d0 * d0 + d1 * d1
        if (np.sqrt(s) <= eps) != (s <= eps * eps) and eps == 0.7:
            found.append((a, b))
    return found


cases = []


def add(name, X, eps, min_samples, metric="euclidean", X_new=None, note=""):
    X = np.asarray(X, dtype=float)
    check_rule(X, eps, metric)
    m = DBSCAN(eps=eps, min_samples=min_samples, metric=metric).fit(X)
    case = {"name": name, "note": note, "X": X.tolist(), "eps": eps, "minSamples": min_samples, "metric": metric,
            "labels": m.labels_.tolist(), "coreSampleIndices": m.core_sample_indices_.tolist()}
    if X_new is not None:
        X_new = np.asarray(X_new, dtype=float)
        case["XNew"] = X_new.tolist()
        case["predict"] = predict(X, m.labels_, m.core_sample_indices_, eps, metric, X_new)
    cases.append(case)


# blobs with uniform noise, 2-D (grid index) and 3-D
X2 = blobs_with_noise(450, 2, 4, 0.6, 50, 1)
add("blobs-2d", X2, 0.35, 5, X_new=rng.uniform(-10, 10, size=(40, 2)))
add("blobs-2d-min10", X2, 0.5, 10)
X3 = blobs_with_noise(500, 3, 5, 0.8, 60, 2)
add("blobs-3d", X3, 0.6, 5, X_new=rng.uniform(-10, 10, size=(30, 3)))
add("blobs-3d-manhattan", X3, 0.9, 5, metric="manhattan", X_new=rng.uniform(-10, 10, size=(30, 3)))
# 8 and 20 features: the k-d tree (scikit-learn: k-d tree for 8, brute force for 20)
X8 = blobs_with_noise(600, 8, 4, 1.0, 40, 3)
add("blobs-8d", X8, 2.2, 5, X_new=X8[:640:20] + rng.normal(0, 0.3, size=(32, 8)))
X20 = blobs_with_noise(400, 20, 3, 1.0, 30, 4)
add("blobs-20d", X20, 4.8, 5)
# two moons: non-convex shapes, the reason to use DBSCAN
XM, _ = make_moons(n_samples=300, noise=0.06, random_state=5)
add("moons", XM, 0.15, 5)
# cosine on positive "spend share" rows (brute force in scikit-learn)
shares = np.vstack([rng.dirichlet(a, size=80) for a in ([8, 1, 1, 1], [1, 8, 1, 1], [1, 1, 6, 6])] + [rng.dirichlet([1, 1, 1, 1], size=15)])
add("cosine-shares", shares * rng.uniform(10, 500, size=(len(shares), 1)), 0.03, 5, metric="cosine",
    X_new=rng.dirichlet([1, 1, 1, 1], size=20) * 100)
# integer grid: neighbours at exactly eps = 1 count (distance <= eps)
gx, gy = np.meshgrid(np.arange(6), np.arange(5))
grid = np.column_stack([gx.ravel(), gy.ravel()]).astype(float)
add("grid-eps-exact", grid, 1.0, 5, note="interior rows have 5 neighbours at distance exactly 1 (itself included)")
add("grid-eps-exact-manhattan", grid, 1.0, 5, metric="manhattan")
add("grid-diagonal", grid, float(np.sqrt(2.0)), 9, note="diagonal neighbours at exactly sqrt(2)")
# multiples of 0.1: some differences round above 0.3, some below
line = np.column_stack([np.arange(40) * 0.1, np.zeros(40)])
add("tenths-eps-0.3", line, 0.3, 6, note="x = 0.1 i: 0.1 (i + 3) - 0.1 i rounds to either side of 0.3")
add("tenths-eps-0.2", line, 0.2, 5)
# pairs where the square root rule and the squared rule disagree (scikit-learn: squared)
pairs = tie_pairs(6, 6)
rows = []
for k, (a, b) in enumerate(pairs):
    offset = np.array([20.0 * k, 0.0])
    # a core at a with three close neighbours, and b at a rounding-tie distance 0.7 from a
    rows += [a + offset, a + offset + [0.05, 0], a + offset + [0, 0.05], a + offset + [-0.05, 0], b + offset]
add("sqrt-vs-squared-ties", np.array(rows), 0.7, 5,
    note="b is at sqrt(sum d^2) <= 0.7 but sum d^2 > 0.49 from a: scikit-learn (and segmentkit) exclude it, so a is not core")
# shared border rows: a border row within eps of cores of two clusters joins the first cluster expanded
left = [[0, 0], [0.2, 0], [0, 0.2], [0.2, 0.2], [0.1, 0.1], [0.1, 0]]
right = [[1.2, 0], [1.4, 0], [1.2, 0.2], [1.4, 0.2], [1.3, 0.1], [1.3, 0]]
bridge = [[0.7, 0.1]]
add("shared-border-left-first", left + right + bridge + [[5, 5], [9, 9]], 0.55, 6,
    note="row 12 (5 neighbours: a border row) is within eps of cores of both clusters; the left cluster (lower core index) gets it")
add("shared-border-right-first", bridge + right + left + [[5, 5], [9, 9]], 0.55, 6,
    note="same points, the border row first and the right cluster listed before the left: the right cluster is 0 and gets it")
add("cluster-numbering", [[9, 9], [9, 9.1], [9.1, 9], [0, 0], [0, 0.1], [0.1, 0], [5, 5], [9.05, 9.05], [0.05, 0.05],
                          [20, 20], [20, 20.1], [20.1, 20], [20.05, 20.05], [30, 30]], 0.2, 3,
    note="clusters numbered by their lowest-index core row")
add("min-samples-1", X2[:60], 0.3, 1, note="every row is core; isolated rows are singleton clusters")
add("all-noise", X2[:60], 0.05, 50, note="no core sample")
add("duplicates", np.vstack([np.repeat([[1.0, 1.0]], 6, axis=0), np.repeat([[3.0, 3.0]], 4, axis=0), [[1.0, 1.0 + 1e-9]], [[8, 8]]]),
    1e-9, 5, note="exact duplicates and a row at a distance equal to eps in floating point")

# suggestEps
eps_cases = []
for name, X, k, metric in (("blobs-2d", X2, 5, "euclidean"), ("blobs-3d", X3, 10, "euclidean"), ("blobs-8d", X8, 5, "euclidean"),
                           ("blobs-3d-manhattan", X3, 5, "manhattan"), ("moons", XM, 4, "euclidean")):
    dist, _ = NearestNeighbors(n_neighbors=k, metric=metric).fit(X).kneighbors(X)
    curve = np.sort(dist[:, k - 1])
    n = len(curve)
    gap = np.arange(n) / (n - 1) - (curve - curve[0]) / (curve[-1] - curve[0])
    knee = int(np.argmax(gap))
    eps_cases.append({"name": name, "X": np.asarray(X).tolist(), "minSamples": k, "metric": metric,
                      "distances": curve.tolist(), "kneeIndex": knee, "eps": float(curve[knee])})

out = {"generator": {"sklearn": sklearn.__version__, "numpy": np.__version__, "script": "test/reference/scripts/dbscan.py"},
       "cases": cases, "suggestEps": eps_cases}
with open("test/reference/dbscan.json", "w") as f:
    json.dump(out, f)
print("wrote test/reference/dbscan.json with", len(cases), "DBSCAN cases and", len(eps_cases), "suggestEps cases")
for c in cases:
    labels = np.array(c["labels"])
    print(f"  {c['name']}: {len(labels)} rows, {labels.max() + 1} clusters, {(labels < 0).sum()} noise, {len(c['coreSampleIndices'])} cores")
