#!/usr/bin/python3
"""Times the pandas + scipy equivalent of profileSegments on the raw bytes a segmentkit benchmark wrote.

    /usr/bin/python3 bench/lib/profile_pandas.py --data X.f64 --labels L.i32 --rows N --cols D [--tests]

Per segment and feature: mean, median, q25, q75, std (a pandas group-by), lift and Cohen's d; with --tests also
scipy's mannwhitneyu of segment vs rest per segment × feature. Prints one JSON line {"median_s", "times"}.
"""
import argparse
import json
import time

import numpy as np
import pandas as pd
from scipy import stats

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--labels", required=True)
parser.add_argument("--rows", type=int, required=True)
parser.add_argument("--cols", type=int, required=True)
parser.add_argument("--tests", action="store_true")
parser.add_argument("--repeat", type=int, default=3)
args = parser.parse_args()
X = np.fromfile(args.data, dtype="<f8").reshape(args.rows, args.cols)
labels = np.fromfile(args.labels, dtype="<i4")
df = pd.DataFrame(X, columns=[f"x{j}" for j in range(args.cols)])
df["segment"] = labels


def profile():
    grouped = df.groupby("segment")
    summary = grouped.agg(["mean", "median", "std"])
    q = grouped.quantile([0.25, 0.75])
    overall = df.drop(columns="segment").mean()
    lift = grouped.mean() / overall
    sums = df.drop(columns="segment").sum()
    squares = ((df.drop(columns="segment") - overall) ** 2).sum()
    out = []
    for s, part in grouped:
        values = part.drop(columns="segment")
        rest = df[df["segment"] != s].drop(columns="segment")
        pooled = np.sqrt((((values - values.mean()) ** 2).sum() + ((rest - rest.mean()) ** 2).sum()) / (len(df) - 2))
        d = (values.mean() - rest.mean()) / pooled
        if args.tests:
            for c in values.columns:
                stats.mannwhitneyu(values[c], rest[c])
        out.append(d)
    return summary, q, lift, sums, squares, out


times = []
for _ in range(args.repeat):
    start = time.perf_counter()
    profile()
    times.append(time.perf_counter() - start)
print(json.dumps({"median_s": sorted(times)[len(times) // 2], "times": times}))
