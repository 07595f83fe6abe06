"""Maximum likelihood helpers shared by the customer-value reference scripts (independent of segmentkit's code):
scipy's Nelder-Mead then BFGS on the log-parameters, and standard errors from a central-difference Hessian of
the negative log-likelihood."""
import numpy as np
from scipy.optimize import minimize


def fit(ll, start, max_iter=40000):
    f = lambda theta: -ll(np.exp(theta))
    first = minimize(f, np.log(start), method="Nelder-Mead", options={"maxiter": max_iter, "xatol": 1e-10, "fatol": 1e-12})
    second = minimize(f, first.x, method="BFGS", options={"gtol": 1e-9})
    return np.exp(second.x)


def hessian_se(ll, params):
    n = len(params)
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            hi = 1e-4 * max(1, abs(params[i]))
            hj = 1e-4 * max(1, abs(params[j]))

            def f(di, dj):
                p = np.array(params, dtype=float)
                p[i] += di
                p[j] += dj
                return -ll(p)

            H[i, j] = (f(hi, hj) - f(hi, -hj) - f(-hi, hj) + f(-hi, -hj)) / (4 * hi * hj)
    return np.sqrt(np.diag(np.linalg.inv(H))).tolist()
