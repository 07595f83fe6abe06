#!/usr/bin/python3
"""Reference values for rfmTable / rfmScore, computed independently with pandas (Debian python3-pandas 1.5).

    /usr/bin/python3 test/reference/scripts/rfm.py
Writes test/reference/rfm.json:
- qcut: scores of pandas qcut(x.rank(method='first'), bins, labels=1..bins) for many sizes, ties and bin counts, and
  the shared-tie scores: every run of equal values takes the lowest ('lower') or highest ('upper') first-rank score
  of its members (groupby(value).transform('min' / 'max'))
- cdnow: the per-customer table and quintile scores of the full CDNOW log (test/data/cdnow), asOf = day after the
  last transaction, frequency by transactions and by distinct days
- retail: the Online Retail sample (test/data/online_retail): amount = Quantity × UnitPrice, orders = invoices,
  rows without CustomerID skipped (and counted), refunds netted or excluded
"""
import json
import numpy as np
import pandas as pd

out = {"generator": {"pandas": pd.__version__, "numpy": np.__version__, "script": "test/reference/scripts/rfm.py"}}

# --- qcut on first-ranks
rng = np.random.default_rng(5)
cases = []
for n in list(range(1, 41)) + [97, 250, 1001]:
    for bins in (2, 3, 5, 9):
        if n < 1:
            continue
        values = rng.integers(0, max(2, n // 3), size=n).astype(float)  # many ties
        ranks = pd.Series(values).rank(method="first")
        scores = pd.qcut(ranks, bins, labels=list(range(1, bins + 1))) if n > 1 else pd.Series([1])
        scores = pd.Series([int(s) for s in scores])
        lower = scores.groupby(values).transform("min")
        upper = scores.groupby(values).transform("max")
        cases.append({"values": values.tolist(), "bins": bins, "scores": scores.tolist(),
                      "lower": [int(s) for s in lower], "upper": [int(s) for s in upper]})
out["qcut"] = cases

DAY = pd.Timedelta(days=1)

def table(df, as_of, frequency="transactions", order=None):
    purchases = df[df.amount >= 0]
    g = purchases.groupby("customer")
    last = g.ts.max()
    first = g.ts.min()
    if frequency == "days":
        freq = purchases.assign(day=purchases.ts.dt.floor("D")).groupby("customer").day.nunique()
    elif order is not None:
        freq = g[order].nunique()
    else:
        freq = g.size()
    monetary = df[df.customer.isin(last.index)].groupby("customer").amount.sum()
    t = pd.DataFrame({"recency": ((as_of - last) // DAY).astype(int), "frequency": freq, "monetary": monetary,
                      "first": first, "last": last, "tenure": ((as_of - first) // DAY).astype(int)})
    t = t.sort_index()
    return t

def scores(t, bins=5):
    def q(col):
        return pd.qcut(t[col].rank(method="first"), bins, labels=list(range(1, bins + 1))).astype(int)
    return pd.DataFrame({"r": bins + 1 - q("recency"), "f": q("frequency"), "m": q("monetary")})

def shared_scores(t, bins=5):
    # ties shared on the worse side: the highest raw recency score (older), the lowest frequency / monetary score
    def q(col):
        return pd.qcut(t[col].rank(method="first"), bins, labels=list(range(1, bins + 1))).astype(int)
    return pd.DataFrame({"r": bins + 1 - q("recency").groupby(t.recency).transform("max"),
                         "f": q("frequency").groupby(t.frequency).transform("min"),
                         "m": q("monetary").groupby(t.monetary).transform("min")})

def codes(s):
    return ["%d%d%d" % (s.r.iloc[i], s.f.iloc[i], s.m.iloc[i]) for i in range(len(s))]

def level_counts(s, bins=5):
    return {name: [int((s[key] == level).sum()) for level in range(1, bins + 1)]
            for name, key in (("recency", "r"), ("frequency", "f"), ("monetary", "m"))}

def dump(t, s=None):
    rows = []
    for i, (cid, row) in enumerate(t.iterrows()):
        entry = [cid if isinstance(cid, str) else int(cid), int(row.recency), int(row.frequency), float(row.monetary),
                 int(row["first"].value // 10**6), int(row["last"].value // 10**6), int(row.tenure)]
        if s is not None:
            entry.append("%d%d%d" % (s.r.iloc[i], s.f.iloc[i], s.m.iloc[i]))
        rows.append(entry)
    return rows

# --- CDNOW
cd = pd.read_csv("test/data/cdnow/CDNOW_master.txt", sep=r"\s+", dtype={"customer_id": int, "date": str})
cd = pd.DataFrame({"customer": cd.customer_id, "ts": pd.to_datetime(cd.date, format="%Y%m%d"), "amount": cd.dollar_value})
as_of = cd.ts.max().normalize() + DAY
t = table(cd, as_of)
shared = shared_scores(t)
out["cdnow"] = {"asOf": int(as_of.value // 10**6), "rows": dump(t, scores(t)),
                "sharedCodes": codes(shared), "sharedCounts": level_counts(shared),
                "daysFrequency": [int(v) for v in table(cd, as_of, "days").frequency]}

# --- Online Retail sample
rt = pd.read_csv("test/data/online_retail/OnlineRetail_sample30k.csv", dtype={"InvoiceNo": str, "CustomerID": str})
missing = int(rt.CustomerID.isna().sum())
rt = rt[rt.CustomerID.notna()]
rt = pd.DataFrame({"customer": rt.CustomerID, "ts": pd.to_datetime(rt.InvoiceDate), "amount": rt.Quantity * rt.UnitPrice,
                   "invoice": rt.InvoiceNo})
as_of_r = rt[rt.amount >= 0].ts.max().normalize() + DAY
net = table(rt, as_of_r, order="invoice")
excluded = table(rt[rt.amount >= 0], as_of_r, order="invoice")
out["retail"] = {"asOf": int(as_of_r.value // 10**6), "missingCustomer": missing, "refundRows": int((rt.amount < 0).sum()),
                 "net": dump(net, scores(net)), "netSharedCodes": codes(shared_scores(net)), "exclude": dump(excluded)}
with open("test/reference/rfm.json", "w") as f:
    json.dump(out, f)
print("wrote test/reference/rfm.json:", len(cases), "qcut cases,", len(t), "CDNOW customers,", len(net), "retail customers")
