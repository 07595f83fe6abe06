#!/usr/bin/python3
"""Reference trees for test/explain/decisionTree.reference.test.ts (scikit-learn 1.2 DecisionTreeClassifier).

Run from the repository root with Debian's Python (python3-sklearn 1.2, python3-pandas):
    /usr/bin/python3 test/reference/scripts/decision_tree.py
Cases: continuous blobs (no tied splits) with gini and entropy at several depths and leaf sizes, with
class_weight='balanced', and the real Telco churn file (tenure, MonthlyCharges, SeniorCitizen → Churn).
Each case stores the data, the parameters, the node arrays, predict_proba on the training rows and
feature_importances_. Writes test/reference/decision_tree.json.
"""
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import make_blobs
from sklearn.tree import DecisionTreeClassifier

cases = []


def add(name, X, y, params):
    model = DecisionTreeClassifier(random_state=0, **params).fit(X, y)
    t = model.tree_
    cases.append(
        {
            "name": name,
            "X": X.tolist(),
            "y": y.tolist(),
            "params": params,
            "classes": model.classes_.tolist(),
            "left": t.children_left.tolist(),
            "right": t.children_right.tolist(),
            "feature": t.feature.tolist(),
            "threshold": t.threshold.tolist(),
            "nSamples": t.n_node_samples.tolist(),
            "weightedNSamples": t.weighted_n_node_samples.tolist(),
            "impurity": t.impurity.tolist(),
            "value": t.value[:, 0, :].ravel().tolist(),
            "proba": model.predict_proba(X).ravel().tolist(),
            "importances": model.feature_importances_.tolist(),
        }
    )


X, y = make_blobs(n_samples=600, centers=4, n_features=5, cluster_std=3.0, random_state=7)
add("blobs gini unlimited", X, y, {})
add("blobs gini depth 3", X, y, {"max_depth": 3})
add("blobs entropy depth 5, leaf 10", X, y, {"criterion": "entropy", "max_depth": 5, "min_samples_leaf": 10})
add("blobs gini split 40, decrease 0.01", X, y, {"min_samples_split": 40, "min_impurity_decrease": 0.01})
Xi, yi = make_blobs(n_samples=500, centers=[[0, 0], [3, 3]], n_features=2, cluster_std=1.5, random_state=3)
keep = np.concatenate([np.where(yi == 0)[0], np.where(yi == 1)[0][:60]])
add("imbalanced balanced weights depth 4", Xi[keep], yi[keep], {"max_depth": 4, "class_weight": "balanced"})

df = pd.read_csv("test/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv")
Xt = df[["tenure", "MonthlyCharges", "SeniorCitizen"]].to_numpy(dtype=float)
yt = df["Churn"].to_numpy()
add("telco gini depth 4", Xt, yt, {"max_depth": 4})
add("telco entropy depth 3, leaf 50", Xt, yt, {"criterion": "entropy", "max_depth": 3, "min_samples_leaf": 50})

with open("test/reference/decision_tree.json", "w") as f:
    json.dump({"generator": {"sklearn": sklearn.__version__, "script": "test/reference/scripts/decision_tree.py"}, "cases": cases}, f)
