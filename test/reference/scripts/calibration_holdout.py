#!/usr/bin/python3
"""Reference for calibrationHoldout and holdoutComparison (test/value/calibrationHoldout.reference.test.ts).

Run from the repository root with Debian's Python (python3-pandas 1.5, python3-scipy 1.10):
    /usr/bin/python3 test/reference/scripts/calibration_holdout.py
lifetimes' `calibration_and_holdout_data` conventions written out in pandas on the raw CDNOW sample: daily periods,
weeks as the unit (freq_multiplier 7), calibration to 1997-09-30 (the BG/NBD paper's 39 weeks), holdout to
1998-06-30. The holdout comparison uses the BG/NBD parameters in test/reference/customer_value.json with the
paper's conditional expectation (eq. 10, scipy.special.hyp2f1). Writes test/reference/calibration_holdout.json.
"""
import json

import numpy as np
import pandas as pd
from scipy.special import hyp2f1

raw = pd.read_csv("test/data/cdnow/CDNOW_sample.txt", sep=r"\s+", header=None, names=["master", "id", "date", "cds", "value"])
raw["date"] = pd.to_datetime(raw["date"].astype(str), format="%Y%m%d")
cal_end = pd.Timestamp("1997-09-30")
obs_end = pd.Timestamp("1998-06-30")

daily = raw.groupby(["id", "date"], as_index=False)["value"].sum()
cal = daily[daily["date"] <= cal_end]
hold = daily[(daily["date"] > cal_end) & (daily["date"] <= obs_end)]

rows = []
for cid, g in cal.groupby("id"):
    g = g.sort_values("date")
    first, last = g["date"].iloc[0], g["date"].iloc[-1]
    repeat = g["value"].iloc[1:]
    h = hold[hold["id"] == cid]
    rows.append(
        {
            "customerId": int(cid),
            "frequency": int(len(g) - 1),
            "recency": (last - first).days / 7,
            "T": (cal_end - first).days / 7,
            "monetaryValue": float(repeat.mean()) if len(repeat) else 0.0,
            "frequencyHoldout": int(len(h)),
            "monetaryValueHoldout": float(h["value"].mean()) if len(h) else 0.0,
            "durationHoldout": (obs_end - cal_end).days / 7,
        }
    )

bg = json.load(open("test/reference/customer_value.json"))["betaGeo"]["params"]
r, alpha, a, b = bg


def conditional(t, x, tx, T):
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)))
    den = 1 + (x > 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return num / den


frame = pd.DataFrame(rows)
frame["predicted"] = [conditional(row.durationHoldout, row.frequency, row.recency, row.T) for row in frame.itertuples()]
frame["group"] = np.minimum(frame["frequency"], 7)
groups = frame.groupby("group").agg(customers=("frequency", "size"), actual=("frequencyHoldout", "mean"), predicted=("predicted", "mean")).reset_index()

out = {
    "generator": {"pandas": pd.__version__, "script": "test/reference/scripts/calibration_holdout.py"},
    "betaGeoParams": bg,
    "rows": rows,
    "comparison": [
        {"frequency": int(g.group), "customers": int(g.customers), "actual": float(g.actual), "predicted": float(g.predicted)} for g in groups.itertuples()
    ],
}
with open("test/reference/calibration_holdout.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(len(rows), frame["frequencyHoldout"].sum(), groups)
