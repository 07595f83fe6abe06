import { stirlingCorrection } from '../core/logGamma';
import { portableExp, portableLog, portableLog1p } from '../core/portableMath';

// The one-sided Kolmogorov–Smirnov distribution: P(D⁺ₙ ≥ x) for a sample of n (scipy.special.smirnov), by the
// Smirnov / Birnbaum–Tingey sum
//   P(D⁺ₙ ≥ x) = x Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v),
// whose terms are all positive. Each term is formed in log space (no overflow or underflow of the binomial)
// through Stirling's formula, with n·x split exactly into ⌊nx⌋ + α so that 1 − x − v/n carries no cancellation
// error. The special
// cases and the early exit follow scipy's cephes/kolmogorov.c (van Mulbregt 2018).

const EPSILON = 2.220446049250313e-16;
// log of the smallest subnormal double / 2 (cephes MINLOG): below this, exp underflows to 0
const MIN_LOG = -745.1332191019412;
const MAX_COMPUTE_N = 1_000_000;
const SPLITTER = 134217729; // 2^27 + 1

/** n·x as floor + fraction, exactly (Dekker's two-product), as scipy's modNX. */
function splitNX(n: number, x: number): { floor: number; alpha: number } {
  const product = n * x;
  // error of the rounded product (n is an integer below 2^31, so it splits exactly)
  const xHigh = SPLITTER * x - (SPLITTER * x - x);
  const xLow = x - xHigh;
  const nHigh = SPLITTER * n - (SPLITTER * n - n);
  const nLow = n - nHigh;
  const error = nHigh * xHigh - product + nHigh * xLow + nLow * xHigh + nLow * xLow;
  let floor = Math.floor(product);
  let alpha = product - floor + error;
  if (alpha < 0) {
    floor -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    floor += 1;
    alpha = 0;
  }
  return { floor, alpha };
}

/** @internal P(D⁺ₙ ≥ x), the survival function of the one-sided KS statistic (scipy.special.smirnov(n, x)). */
export function smirnovSurvival(n: number, x: number): number {
  if (!(n > 0 && Number.isInteger(n) && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { floor: nxFloor, alpha } = splitNX(n, x);
  // x ≤ 1/n: P(D⁺ < x) = x (1 + x)^(n−1)
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    return clip(1 - x * portableExp((n - 1) * portableLog1p(x)));
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  // x ≥ 1 − 1/n: (1 − x)^n
  if (nxFloor >= n - 1) return clip(portableExp(n * portableLog1p(-x)));
  if (n > MAX_COMPUTE_N) return clip(portableExp(-((6 * n * x + 1) ** 2) / 18 / n));

  // last term: v ≤ ⌊n(1 − x)⌋, leaving out the zero term 1 − x − v/n = 0 when nx is an integer
  const lastV = n - nxFloor - 1;
  const nTerms = lastV + 1;
  const nx = nxFloor + alpha;
  const correctionN = logFactorialCorrection(n);
  let sum = portableExp(n * portableLog1p(-x) - portableLog(x)); // v = 0: (1 − x)^n / x
  const middle = Math.floor(n / 2);
  for (let v = 1; v <= lastV; v++) {
    // log of C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v) with Stirling's formula for the factorials, grouped as
    // v log(1 + nx/v) + (n − v) log(1 − nx/(n − v)) + …: no large terms cancel, so the error stays near n x ε
    const rest = n - v;
    const down = n - nxFloor - v - alpha; // n (1 − x − v/n), exact up to one rounding
    const ratioDown = nx / rest;
    const logDown = ratioDown < 0.5 ? portableLog1p(-ratioDown) : portableLog(down / rest);
    const logTerm =
      v * portableLog1p(nx / v) +
      rest * logDown -
      portableLog((nx + v) / n) +
      0.5 * portableLog(n / (2 * Math.PI * v * rest)) +
      correctionN -
      logFactorialCorrection(v) -
      logFactorialCorrection(rest);
    if (logTerm > MIN_LOG) {
      const term = portableExp(logTerm);
      sum += term;
      // the remaining terms cannot change the sum (scipy's criterion)
      if (4 * (nTerms - v) * term < EPSILON * sum && v !== nTerms - 1) break;
    } else if (v > middle) {
      break;
    }
  }
  return clip(x * sum);
}

const SMALL_FACTORIALS = [1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880];

/** log k! − (k log k − k + ½ log 2πk), for k ≥ 1. */
function logFactorialCorrection(k: number): number {
  if (k >= 10) return stirlingCorrection(k);
  return portableLog(SMALL_FACTORIALS[k]!) - (k * portableLog(k) - k + 0.5 * portableLog(2 * Math.PI * k));
}

function clip(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
