#!/usr/bin/python3
"""Times scikit-learn's OPTICS.fit on the raw bytes a segmentkit benchmark wrote.

    /usr/bin/python3 bench/lib/optics_fit.py --data X.f64 --rows N --cols D --min-samples 5 --max-eps 1.0 [--repeat 1]

Prints one JSON line {"median_s", "times", "ordering", "labels"} so the benchmark can check the two agree.
"""
import argparse
import json
import time

import numpy as np
from sklearn.cluster import OPTICS

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--rows", type=int, required=True)
parser.add_argument("--cols", type=int, required=True)
parser.add_argument("--min-samples", type=int, default=5)
parser.add_argument("--max-eps", type=float, default=float("inf"))
parser.add_argument("--repeat", type=int, default=1)
args = parser.parse_args()
X = np.fromfile(args.data, dtype="<f8").reshape(args.rows, args.cols)
times = []
model = None
for _ in range(args.repeat):
    start = time.perf_counter()
    model = OPTICS(min_samples=args.min_samples, max_eps=args.max_eps).fit(X)
    times.append(time.perf_counter() - start)
print(json.dumps({"median_s": float(np.median(times)), "times": times, "ordering": model.ordering_.tolist(), "labels": model.labels_.tolist()}))
