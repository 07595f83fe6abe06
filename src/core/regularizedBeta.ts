import { logGamma, stirlingCorrection } from './logGamma';
import { portableExp, portableLog, portableLog1p } from './portableMath';

// The regularised incomplete beta function I_x(a, b) (scipy.special.betainc), used for Student-t p-values:
// P(|T_ν| > t) = I_{ν/(ν+t²)}(ν/2, 1/2). A continued fraction (modified Lentz, Numerical Recipes §6.4) on the
// side of the symmetry point (a + 1)/(a + b + 2) where it converges fast; the prefactor xᵃ(1−x)ᵇ / (a B(a, b))
// in log space, with log B(a, b) formed so that a large parameter next to a small one loses no digits.

const EPSILON = 2.220446049250313e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/**
 * @internal
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). When the larger parameter is ≥ 10, log Γ(large) −
 * log Γ(large + small) is taken from Stirling's form directly, −(L − ½) log1p(s/L) − s log(L + s) + s +
 * corr(L) − corr(L + s), instead of subtracting two numbers of size L log L.
 */
export function logBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  if (large < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const difference =
    -(large - 0.5) * portableLog1p(small / large) -
    small * portableLog(large + small) +
    small +
    stirlingCorrection(large) -
    stirlingCorrection(large + small);
  return logGamma(small) + difference;
}

function continuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * @internal
 * I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1 (scipy.special.betainc); NaN outside the domain.
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) return NaN;
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logFront = a * portableLog(x) + b * portableLog1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (portableExp(logFront) * continuedFraction(x, a, b)) / a;
  return 1 - (portableExp(logFront) * continuedFraction(1 - x, b, a)) / b;
}

/**
 * @internal
 * 1 − I_x(a, b), computed on the side where it does not cancel.
 */
export function regularizedBetaComplement(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) return NaN;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const logFront = a * portableLog(x) + b * portableLog1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return 1 - (portableExp(logFront) * continuedFraction(x, a, b)) / a;
  return (portableExp(logFront) * continuedFraction(1 - x, b, a)) / b;
}

/**
 * @internal
 * Two-sided Student-t tail P(|T_ν| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½), for ν > 0 (ν may be fractional, as Welch's).
 */
export function studentTTwoSided(t: number, df: number): number {
  if (t !== t || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return 0;
  // for small t the argument ν/(ν+t²) is near 1: use the complement form t²/(ν+t²) so no digits cancel
  const t2 = t * t;
  return t2 < df ? regularizedBetaComplement(t2 / (df + t2), 0.5, df / 2) : regularizedBeta(df / (df + t2), df / 2, 0.5);
}
