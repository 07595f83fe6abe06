#!/usr/bin/python3
"""Times scikit-learn's k-means++ seeding alone, sklearn.cluster.kmeans_plusplus (greedy, 2 + int(ln k) trials,
the initialisation of KMeans(init='k-means++')), on the benchmark's bytes, and prints the median time and the
potential (inertia) of the centres it chose. A timing run for bench/kmeans.bench.ts; sklearn_bench.py has no
seeding-alone task.
Usage: sklearnSeeding.py DATA ROWS COLS K THREADS REPEAT"""
import json, os, statistics, sys, time

data, rows, cols, k, threads, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
if threads != 'default':  # before numpy loads its BLAS
    for v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
        os.environ[v] = threads
import numpy as np
import sklearn
from sklearn.cluster import kmeans_plusplus

X = np.fromfile(data, dtype="<f8").reshape(rows, cols)
times, centers = [], None
for r in range(repeat):
    t0 = time.perf_counter()
    centers, _ = kmeans_plusplus(X, k, random_state=r)
    times.append(time.perf_counter() - t0)
# the potential of the last run's centres, 100 000 rows at a time (not timed)
potential = sum(float(((X[i:i + 100000, None, :] - centers[None, :, :]) ** 2).sum(axis=2).min(axis=1).sum()) for i in range(0, rows, 100000))
print(json.dumps({"sklearn": sklearn.__version__, "threads": threads, "times": times, "median_s": statistics.median(times), "potential": potential}))
