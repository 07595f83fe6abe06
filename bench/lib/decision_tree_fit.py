#!/usr/bin/python3
"""Times scikit-learn's DecisionTreeClassifier.fit on the raw bytes a segmentkit benchmark wrote.

    /usr/bin/python3 bench/lib/decision_tree_fit.py --data X.f64 --labels y.i32 --rows N --cols D --max-depth 8 [--repeat 3]

Prints one JSON line {"median_s", "times", "leaves", "feature", "threshold"} (the node arrays, so the benchmark can
check the two trees are the same).
"""
import argparse
import json
import time

import numpy as np
from sklearn.tree import DecisionTreeClassifier

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--labels", required=True)
parser.add_argument("--rows", type=int, required=True)
parser.add_argument("--cols", type=int, required=True)
parser.add_argument("--max-depth", type=int, default=8)
parser.add_argument("--repeat", type=int, default=3)
args = parser.parse_args()
X = np.fromfile(args.data, dtype="<f8").reshape(args.rows, args.cols)
y = np.fromfile(args.labels, dtype="<i4")
times = []
model = None
for _ in range(args.repeat):
    start = time.perf_counter()
    model = DecisionTreeClassifier(max_depth=args.max_depth, random_state=0).fit(X, y)
    times.append(time.perf_counter() - start)
print(
    json.dumps(
        {
            "median_s": sorted(times)[len(times) // 2],
            "times": times,
            "leaves": int(model.get_n_leaves()),
            "feature": model.tree_.feature.tolist(),
            "threshold": model.tree_.threshold.tolist(),
        }
    )
)
