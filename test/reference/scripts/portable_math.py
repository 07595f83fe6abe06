#!/usr/bin/python3
"""Reference values for the engine-independent transcendental functions (test/core/portableMath.test.ts).

Run from the repository root with Debian's Python (python3-numpy):
    /usr/bin/python3 test/reference/scripts/portable_math.py
Writes test/reference/portable_math.json: for expSmallNegative, points x in [-44, 0]; for log, log1p, exp,
expm1, pow and sin, points over their domains and edges; every value computed with 60-digit decimal
arithmetic (series where a cancellation would lose digits) and rounded once to the nearest double (CPython's
float(Decimal) rounds correctly).
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


def series(x, first, ratio):
    """Σ of a power series in Decimal: terms from `first`, each the previous times ratio(i)."""
    total, term, i = Decimal(0), first, 1
    while term != 0 and abs(term) > abs(total) * Decimal("1e-70"):
        total += term
        term = term * ratio(i)
        i += 1
    return total


def log1p(x):
    d = Decimal(x)
    if abs(d) < Decimal("1e-5"):
        return series(d, d, lambda i: -d * i / (i + 1))
    return (1 + d).ln()


def expm1(x):
    d = Decimal(x)
    if abs(d) < Decimal("1e-5"):
        return series(d, d, lambda i: d / (i + 1))
    return d.exp() - 1


def sin(x):
    d = Decimal(x)
    return series(d, d, lambda i: -d * d / ((2 * i) * (2 * i + 1)))


def spread(low, high, count):
    """Doubles spread log-uniformly over [low, high] (both > 0)."""
    return [float(v) for v in np.exp(rng.uniform(np.log(low), np.log(high), count))]


log_x = spread(5e-324, 1.7e308, 2000) + [float(v) for v in 1 + rng.uniform(-0.02, 0.02, 1000)]
log_x += [1.0, 2.0, 0.5, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, float(np.nextafter(1, 0)), float(np.nextafter(1, 2))]
log1p_x = spread(1e-300, 1e300, 1000) + [-v for v in spread(1e-300, 0.999999, 1000)] + [float(v) for v in rng.uniform(-0.5, 2, 500)]
exp_x = [float(v) for v in rng.uniform(-745, 709.7, 2000)] + [float(v) for v in rng.uniform(-1, 1, 500)] + [0.0, 1.0, -1.0, 709.78, -708.5, -744.0]
expm1_x = [float(v) for v in rng.uniform(-40, 709, 1000)] + spread(1e-300, 0.5, 500) + [-v for v in spread(1e-300, 0.5, 500)]
pow_base = [float(v) for v in np.exp(rng.uniform(np.log(1e-6), np.log(1e7), 2000))]
pow_exp = [float(v) for v in rng.uniform(-4, 4, 2000)]
pow_base += [0.0366, 0.0125, 2.0, 10.0, 1.5, 0.999]
pow_exp += [1.5, 1.5, 0.5, 3.0, -2.5, 8000.0]
sin_x = [float(v) for v in rng.uniform(-np.pi / 2, np.pi / 2, 2000)] + [0.0, 1e-300, 1.5707963267948966, -1.5707963267948966]

out = {
    "generator": {"numpy": np.__version__, "script": "test/reference/scripts/portable_math.py", "method": "decimal, 60 digits"},
    "exp_small_negative": {"x": xs, "exp": [float(Decimal(x).exp()) for x in xs]},
    "log": {"x": log_x, "value": [float(Decimal(x).ln()) for x in log_x]},
    "log1p": {"x": log1p_x, "value": [float(log1p(x)) for x in log1p_x]},
    "exp": {"x": exp_x, "value": [float(Decimal(x).exp()) for x in exp_x]},
    "expm1": {"x": expm1_x, "value": [float(expm1(x)) for x in expm1_x]},
    "pow": {"x": pow_base, "y": pow_exp, "value": [float(Decimal(x) ** Decimal(y)) for x, y in zip(pow_base, pow_exp)]},
    "sin": {"x": sin_x, "value": [float(sin(x)) for x in sin_x]},
}
with open("test/reference/portable_math.json", "w") as f:
    json.dump(out, f, indent=1)
