#!/usr/bin/python3
"""Reference values for PCA (test/decomposition/PCA.reference.test.ts), from scikit-learn 1.2.

Run from the repository root with Debian's Python (python3-sklearn):
    /usr/bin/python3 test/reference/scripts/pca.py
Writes test/reference/pca.json. Every case uses PCA(svd_solver='full'). Singular vectors have arbitrary signs,
so segmentkit's convention is applied to scikit-learn's output before it is stored: each component is flipped
so that its entry of largest absolute value is positive (ties -> the lower index), and the columns of
transform (and the rows fed to inverse_transform) are flipped with it.

Components of (near-)equal variances are not unique, so every case has well-separated variances for the
components it compares (`compareComponents`); directions of zero variance (rank-deficient or wide data) are
compared through their variances only.
"""
import json
import numpy as np
import sklearn
from sklearn.decomposition import PCA

out = {"generator": {"sklearn": sklearn.__version__, "numpy": np.__version__, "script": "test/reference/scripts/pca.py"}, "datasets": {}, "cases": []}
rng = np.random.default_rng(20260521)


def sign_convention(components):
    """segmentkit's rule: the entry of largest |value| is positive; np.argmax takes the first (lowest) index."""
    signs = np.ones(components.shape[0])
    for r in range(components.shape[0]):
        j = int(np.argmax(np.abs(components[r])))
        if components[r, j] < 0:
            signs[r] = -1.0
    return components * signs[:, None], signs


def case(name, data, n_components=None, whiten=False, compare_components=None, X_new=None, note=""):
    X = np.asarray(out["datasets"][data])
    model = PCA(n_components=n_components, whiten=whiten, svd_solver="full").fit(X)
    components, signs = sign_convention(model.components_)
    k = components.shape[0]
    if X_new is None:
        X_new = X[:5] + rng.normal(scale=0.5, size=(5, X.shape[1]))
    Z = rng.normal(size=(4, k))
    entry = {
        "name": name,
        "note": note,
        "data": data,
        "params": {"nComponents": n_components, "whiten": whiten},
        "nComponents": int(model.n_components_),
        "compareComponents": k if compare_components is None else compare_components,
        "components": components.tolist(),
        "explainedVariance": model.explained_variance_.tolist(),
        "explainedVarianceRatio": model.explained_variance_ratio_.tolist(),
        "singularValues": model.singular_values_.tolist(),
        "mean": model.mean_.tolist(),
        "noiseVariance": float(model.noise_variance_),
        "XNew": X_new.tolist(),
        "transform": (model.transform(X_new) * signs).tolist(),
        "Z": Z.tolist(),
        "inverseTransform": model.inverse_transform(Z * signs).tolist(),
    }
    out["cases"].append(entry)


def dataset(name, X):
    """Store the training rows once; cases refer to them by name."""
    out["datasets"][name] = X.tolist()
    return name


def with_spectrum(n, scales, offset=0.0):
    """n rows of Gaussian data whose principal standard deviations are `scales`, in a random rotation."""
    d = len(scales)
    rotation, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return rng.normal(size=(n, d)) * np.asarray(scales) @ rotation.T + offset + rng.normal(scale=3, size=d)


# small, checkable by hand: 6 customers x 3 features (visits, spend in 100s, returns)
small = dataset("small", np.array([[2.0, 4.0, 0.0], [4.0, 9.0, 1.0], [1.0, 1.0, 0.0], [6.0, 12.0, 1.0], [3.0, 7.0, 2.0], [8.0, 15.0, 1.0]]))
case("small_hand", small, note="6 x 3 integers")
case("small_hand_one_component", small, n_components=1)

tall = dataset("tall", with_spectrum(800, [5.0, 3.0, 2.0, 1.2, 0.7, 0.3]))
case("tall_all_components", tall, note="800 x 6, principal std 5 ... 0.3")
case("tall_three_whiten", tall, n_components=3, whiten=True)
case("tall_three", tall, n_components=3)
case("tall_fraction_0_9", tall, n_components=0.9, note="keeps the fewest components whose ratios sum past 0.9")
case("tall_fraction_0_5", tall, n_components=0.5)
case("tall_all_whiten", tall, whiten=True)

# wide: more features than rows; centring leaves rank n - 1
wide = dataset("wide", rng.normal(size=(20, 50)) * np.linspace(3.0, 0.5, 50))
case("wide_five", wide, n_components=5, note="20 x 50")
case("wide_all", wide, compare_components=19, note="20 x 50; the 20th direction has zero variance (centring)")
case("wide_all_whiten_five", wide, n_components=5, whiten=True)

# rank-deficient: 6 features that are combinations of 3
base = with_spectrum(60, [4.0, 2.0, 1.0])
mix = rng.normal(size=(3, 3))
rank3 = dataset("rank3", np.hstack([base, base @ mix]))
case("rank3_two_components", rank3, n_components=2, note="60 x 6 of rank 3: noise variance = mean of the 4 discarded variances")
case("rank3_three_components", rank3, n_components=3, note="noise variance is numerically zero")
case("rank3_all", rank3, compare_components=3)

# data far from zero: centring must not lose the variance
offset = dataset("offset", with_spectrum(300, [2.0, 1.0, 0.5, 0.25]) + 1e6)
case("offset_1e6", offset, note="every value near 1e6")
case("offset_1e6_whiten", offset, n_components=2, whiten=True)

# a wide spread of variances (1e8): the case where a cross-product eigen-decomposition loses digits
case("spread_1e8", dataset("spread", with_spectrum(400, [1.0, 0.3, 0.05, 1e-2, 1e-3, 1e-4])), note="variances from 1 to 1e-8")

# one feature
case("one_feature", dataset("one_feature", rng.normal(size=(30, 1)) * 2 + 5))

with open("test/reference/pca.json", "w") as f:
    json.dump(out, f)
print("wrote test/reference/pca.json with", len(out["cases"]), "cases")
