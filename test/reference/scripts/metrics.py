#!/usr/bin/python3
"""Reference values for the clustering metrics (test/metrics/*.reference.test.ts), from scikit-learn 1.2.

Run from the repository root with Debian's Python (python3-sklearn):
    /usr/bin/python3 test/reference/scripts/metrics.py
Writes test/reference/metrics.json: every input (data and labels) with scikit-learn's value of every metric.
Labels are stored as given (integers, -1 included, or strings), so relabelling and string handling are tested too.
"""
import json
import numpy as np
import sklearn
from sklearn import metrics
from sklearn.datasets import make_blobs

rng = np.random.default_rng(20240611)
out = {"generator": {"sklearn": sklearn.__version__, "numpy": np.__version__, "script": "test/reference/scripts/metrics.py"},
       "internal": [], "external": []}


def py_labels(labels):
    return [x if isinstance(x, str) else int(x) for x in labels]


def internal(name, X, labels, metrics_list=("euclidean",), noise_exclude=False):
    labels = list(labels)
    entry = {"name": name, "X": X.tolist(), "labels": py_labels(labels)}
    Xs, ls = X, np.asarray(labels, dtype=object)
    if noise_exclude:
        mask = np.array([not (isinstance(l, (int, np.integer)) and l == -1) for l in labels])
        Xs, ls = X[mask], ls[mask]
        entry["noise"] = "exclude"
        entry["kept"] = np.flatnonzero(mask).tolist()
    # LabelEncoder needs one comparable type: strings stay strings, integers become int64
    ls = np.asarray([str(l) for l in ls]) if any(isinstance(l, str) for l in ls) else ls.astype(np.int64)
    entry["silhouette"] = {}
    for metric in metrics_list:
        entry["silhouette"][metric] = {
            "score": float(metrics.silhouette_score(Xs, ls, metric=metric)),
            "samples": metrics.silhouette_samples(Xs, ls, metric=metric).tolist(),
        }
    entry["daviesBouldin"] = float(metrics.davies_bouldin_score(Xs, ls))
    entry["calinskiHarabasz"] = float(metrics.calinski_harabasz_score(Xs, ls))
    # inertia: within-cluster sum of squares, straight from its definition with numpy
    total = 0.0
    for value in np.unique(ls):
        members = Xs[ls == value]
        total += float(((members - members.mean(axis=0)) ** 2).sum())
    entry["inertia"] = total
    out["internal"].append(entry)


def external(name, a, b, noise_exclude=False, tables=True, indeterminate=()):
    a, b = list(a), list(b)
    entry = {"name": name, "labelsTrue": py_labels(a), "labelsPred": py_labels(b)}
    if indeterminate:
        # 0/0 in exact arithmetic: both libraries return a ratio of rounding noise, not comparable
        entry["indeterminate"] = list(indeterminate)
    if noise_exclude:
        keep = [i for i in range(len(a)) if not (a[i] == -1 or b[i] == -1)]
        a, b = [a[i] for i in keep], [b[i] for i in keep]
        entry["noise"] = "exclude"
    fa = np.asarray([str(x) for x in a]) if any(isinstance(x, str) for x in a) else np.asarray(a, dtype=np.int64)
    fb = np.asarray([str(x) for x in b]) if any(isinstance(x, str) for x in b) else np.asarray(b, dtype=np.int64)
    v = {
        "adjustedRand": metrics.adjusted_rand_score(fa, fb),
        "rand": metrics.rand_score(fa, fb),
        "homogeneity": metrics.homogeneity_score(fa, fb),
        "completeness": metrics.completeness_score(fa, fb),
        "vMeasure": metrics.v_measure_score(fa, fb),
        "vMeasureBeta2": metrics.v_measure_score(fa, fb, beta=2.0),
        "fowlkesMallows": metrics.fowlkes_mallows_score(fa, fb),
    }
    if len(fa) > 0:
        v["mutualInfo"] = metrics.mutual_info_score(fa, fb)
    for method in ("arithmetic", "geometric", "min", "max"):
        v["nmi_" + method] = metrics.normalized_mutual_info_score(fa, fb, average_method=method)
        v["ami_" + method] = metrics.adjusted_mutual_info_score(fa, fb, average_method=method)
    entry["values"] = {k: float(x) for k, x in v.items()}
    entry["pairConfusion"] = metrics.cluster.pair_confusion_matrix(fa, fb).tolist()
    if tables:
        entry["contingency"] = metrics.cluster.contingency_matrix(fa, fb).tolist()
    out["external"].append(entry)


# ---- internal scores -------------------------------------------------------------------------------
X, y = make_blobs(n_samples=200, centers=4, n_features=3, cluster_std=1.2, random_state=0)
internal("blobs_4", X, y, metrics_list=("euclidean", "sqeuclidean", "manhattan", "cosine"))
internal("blobs_4_relabelled", X, [[-1, 7, 100, 3][v] for v in y])  # -1 is an ordinary label
internal("blobs_4_string_labels", X, [["gold", "silver", "bronze", "lapsed"][v] for v in y])
internal("blobs_4_noise_excluded", X, [-1 if v == 3 else v for v in y], noise_exclude=True)
ys = y.copy(); ys[5] = 9  # a singleton cluster: its silhouette is 0
internal("singleton_cluster", X, ys, metrics_list=("euclidean", "manhattan"))
X2, y2 = make_blobs(n_samples=2003, centers=6, n_features=8, cluster_std=2.5, random_state=5)
internal("blobs_6_eight_dims", X2, y2, metrics_list=("euclidean", "sqeuclidean", "manhattan", "cosine"))
X13, y13 = make_blobs(n_samples=150, centers=3, n_features=13, cluster_std=3.0, random_state=8)
internal("blobs_3_thirteen_dims", X13, y13, metrics_list=("euclidean", "sqeuclidean"))  # 8 + 4 + 1 features
X3 = rng.normal(size=(90, 2))
internal("noise_many_clusters", X3, rng.integers(0, 30, size=90), metrics_list=("euclidean", "cosine"))
X4 = rng.normal(size=(150, 1))
internal("one_dimension_random_labels", X4, rng.integers(0, 3, size=150))
X5 = rng.normal(size=(40, 4)); X5[3] = 0.0
internal("cosine_with_zero_row", X5, rng.integers(0, 3, size=40), metrics_list=("cosine", "euclidean"))
X6 = rng.integers(0, 4, size=(120, 2)).astype(float)  # integer grid: many duplicate rows
internal("integer_grid_duplicates", X6, (X6[:, 0] >= 2).astype(int) + 2 * (X6[:, 1] >= 2).astype(int), metrics_list=("euclidean", "manhattan"))
X7 = np.vstack([np.zeros((5, 2)), np.ones((5, 2))])  # every cluster a repeated point
internal("repeated_points", X7, [0] * 5 + [1] * 5, metrics_list=("sqeuclidean", "manhattan"))
X8 = rng.normal(loc=50.0, scale=3.0, size=(300, 5))  # offset from the origin
internal("offset_data_two_clusters", X8, (X8[:, 0] > 50).astype(int) + 1)

# ---- comparisons of two labellings ---------------------------------------------------------------
a = rng.integers(0, 5, size=500); b = rng.integers(0, 7, size=500)
external("independent_5_vs_7", a, b)
truth = rng.integers(0, 4, size=1000)
noisy = np.where(rng.random(1000) < 0.2, rng.integers(0, 6, size=1000), truth)
external("noisy_copy_4_vs_6", truth, noisy)
external("noisy_copy_strings_vs_ints", [["a", "b", "c", "d"][v] for v in truth], [[-1, 3, 10, 11, 12, 40][v] for v in noisy])
external("noise_label_excluded", [v if v != 2 else -1 for v in truth], noisy, noise_exclude=True)
perm = [3, 0, 2, 1]
external("identical_up_to_relabelling", truth, [perm[v] for v in truth])
external("single_cluster_both", [0] * 10, [4] * 10)
external("single_cluster_one_side", rng.integers(0, 3, size=30), [1] * 30)
external("all_singletons", list(range(12)), list(range(12)))
# AMI with the 'min' average: the normaliser min(H) = H(pairs) equals E[MI] exactly, so AMI is 0/0 here
external("singletons_vs_pairs", list(range(12)), [i // 2 for i in range(12)], indeterminate=("ami_min",))
external("tiny_anticorrelated", [0, 0, 1, 1], [0, 1, 0, 1])
external("one_row", [5], [2])
external("empty", [], [])
big_truth = rng.integers(0, 10, size=20000)
big_pred = np.where(rng.random(20000) < 0.35, rng.integers(0, 12, size=20000), big_truth)
external("large_10_vs_12", big_truth, big_pred, tables=False)
many = rng.integers(0, 2000, size=3000)
external("many_classes_sparse_table", many, many % 50, tables=False)
unbalanced = np.concatenate([np.zeros(900, dtype=int), rng.integers(1, 4, size=100)])
external("unbalanced", unbalanced, rng.permutation(unbalanced))

with open("test/reference/metrics.json", "w") as f:
    json.dump(out, f)
print("wrote test/reference/metrics.json with", len(out["internal"]), "internal and", len(out["external"]), "external cases")
