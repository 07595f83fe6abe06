#!/usr/bin/python3
"""Reference values for the engine-independent exponential (test/core/portableMath.test.ts).

Run from the repository root with Debian's Python (python3-numpy):
    /usr/bin/python3 test/reference/scripts/portable_math.py
Writes test/reference/portable_math.json: points x in [-44, 0] and e^x computed with 60-digit decimal
arithmetic, rounded once to the nearest double (CPython's float(Decimal) rounds correctly).
"""
import json
from decimal import Decimal, getcontext
import numpy as np

getcontext().prec = 60
rng = np.random.default_rng(20261123)
ln2_over_32 = Decimal(2).ln() / 32
xs = [float(v) for v in -44 * rng.random(3000)]
# the edges of the domain, of the cut-off used by the mixture EM, and the points where the table index
# changes (x = -s·ln2/32 exactly halfway between two steps, and either side of it)
xs += [0.0, -0.0, -1e-300, -5e-324, -1e-17, -40.0, -44.0, -39.999999999999]
for s in (1, 31, 32, 33, 1024, 1847, 2030):
    halfway = float(-(s + Decimal("0.5")) * ln2_over_32)
    xs += [float(-s * ln2_over_32), halfway, float(np.nextafter(halfway, 0)), float(np.nextafter(halfway, -1))]
out = {
    "generator": {"numpy": np.__version__, "script": "test/reference/scripts/portable_math.py", "method": "decimal, 60 digits"},
    "exp_small_negative": {"x": xs, "exp": [float(Decimal(x).exp()) for x in xs]},
}
with open("test/reference/portable_math.json", "w") as f:
    json.dump(out, f, indent=1)
