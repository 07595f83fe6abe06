#!/usr/bin/python3
"""Times scikit-learn's PowerTransformer.fit on the raw Float64Array file a segmentkit benchmark wrote.

    /usr/bin/python3 bench/lib/power_transformer.py --data FILE --rows N --cols D --method yeo-johnson [--repeat 3]

Prints one JSON line: {"median_s", "times", "lambdas"}. BLAS is pinned to one thread (it is not used here,
but the pin keeps the comparison the same as the other sections). sklearn_bench.py has no power-transform task.
"""
import argparse
import json
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402
from sklearn.preprocessing import PowerTransformer  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--rows", type=int, required=True)
parser.add_argument("--cols", type=int, required=True)
parser.add_argument("--method", default="yeo-johnson")
parser.add_argument("--repeat", type=int, default=3)
args = parser.parse_args()
X = np.fromfile(args.data, dtype="<f8").reshape(args.rows, args.cols)
times = []
model = None
for _ in range(args.repeat):
    start = time.perf_counter()
    model = PowerTransformer(method=args.method).fit(X)
    times.append(time.perf_counter() - start)
print(json.dumps({"median_s": sorted(times)[len(times) // 2], "times": times, "lambdas": model.lambdas_.tolist()}))
